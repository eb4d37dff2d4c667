using System.Net;
using CouchJs.Http.Tests.Support;

namespace CouchJs.Http.Tests.Security;

/// <summary>
/// CORS as chttpd_cors answers it: preflights before authentication (204 with the allowed methods and
/// the asked headers), the origin echoed with the credentials flag and exposed headers on other
/// responses (errors included), and nothing at all for an origin not listed or with CORS off.
/// </summary>
public sealed class CorsTests(CouchServer server) : IClassFixture<CouchServer>, IAsyncLifetime
{
    private const string Origin = "http://app.example";
    private const string ExposedForJson = "content-type, cache-control, accept-ranges, etag, server, x-couch-request-id, x-couch-update-newrev, x-couchdb-body-time";

    public async Task InitializeAsync()
    {
        await SecurityKit.Config(server, "chttpd", "enable_cors", "true");
        await SecurityKit.Config(server, "cors", "origins", Origin + ", http://other.example");
        await SecurityKit.Config(server, "cors", "credentials", "true");
    }

    public async Task DisposeAsync()
    {
        await SecurityKit.Config(server, "chttpd", "enable_cors", null);
        await SecurityKit.Config(server, "cors", "origins", null);
        await SecurityKit.Config(server, "cors", "credentials", null);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? origin, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (origin is not null) request.Headers.Add("Origin", origin);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await server.Anonymous.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [Fact]
    public async Task A_preflight_is_answered_before_authentication()
    {
        var response = await Send(HttpMethod.Options, "_all_dbs", Origin,
            ("Access-Control-Request-Method", "PUT"), ("Access-Control-Request-Headers", "Content-Type, Authorization"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Equal("CONNECT, COPY, DELETE, GET, HEAD, OPTIONS, POST, PUT, TRACE", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("Content-Type, Authorization", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Origin, "PATCH", "")]
    [InlineData(Origin, "GET", "X-Secret-Header")]
    [InlineData("http://evil.example", "GET", "")]
    public async Task A_preflight_asking_too_much_is_no_preflight(string origin, string method, string headers)
    {
        // It goes on as a plain OPTIONS request, which answers no preflight question.
        var response = await Send(HttpMethod.Options, "_all_dbs", origin, ("Access-Control-Request-Method", method), ("Access-Control-Request-Headers", headers));
        await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
        Assert.Null(Header(response, "Access-Control-Allow-Methods"));
        Assert.Null(Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Responses_to_an_allowed_origin_carry_cors_headers()
    {
        var response = await Send(HttpMethod.Get, "", Origin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal(ExposedForJson, Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Errors_carry_cors_headers_too()
    {
        var response = await Send(HttpMethod.Get, "_all_dbs", Origin);
        await HttpAssert.Error(response, HttpStatusCode.Unauthorized, "unauthorized", "You are not a server admin.");
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(ExposedForJson, Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Other_origins_and_plain_requests_get_none()
    {
        Assert.Null(Header(await Send(HttpMethod.Get, "", "http://evil.example"), "Access-Control-Allow-Origin"));
        Assert.Null(Header(await Send(HttpMethod.Get, "", null), "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_wildcard_accepts_any_origin_and_settings_narrow_the_preflight()
    {
        await SecurityKit.Config(server, "cors", "origins", "*");
        await SecurityKit.Config(server, "cors", "methods", "GET, POST");
        await SecurityKit.Config(server, "cors", "headers", "accept, content-type");
        await SecurityKit.Config(server, "cors", "max_age", "3600");
        try
        {
            var response = await Send(HttpMethod.Options, "db", "http://anything.example", ("Access-Control-Request-Method", "POST"));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("http://anything.example", Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("GET, POST", Header(response, "Access-Control-Allow-Methods"));
            Assert.Equal("3600", Header(response, "Access-Control-Max-Age"));
            Assert.Equal("", Header(response, "Access-Control-Allow-Headers"));
            var refused = await Send(HttpMethod.Options, "db", "http://anything.example", ("Access-Control-Request-Method", "PUT"));
            Assert.NotEqual(HttpStatusCode.NoContent, refused.StatusCode);
            Assert.Null(Header(refused, "Access-Control-Allow-Methods"));
        }
        finally
        {
            await SecurityKit.Config(server, "cors", "origins", Origin);
            foreach (string key in (string[])["methods", "headers", "max_age"]) await SecurityKit.Config(server, "cors", key, null);
        }
    }

    [Fact]
    public async Task A_host_section_overrides_the_cors_section()
    {
        string section = "cors:" + server.BaseAddress.Host;
        await SecurityKit.Config(server, section, "origins", "http://host-only.example");
        try
        {
            Assert.Equal("http://host-only.example", Header(await Send(HttpMethod.Get, "", "http://host-only.example"), "Access-Control-Allow-Origin"));
            Assert.Null(Header(await Send(HttpMethod.Get, "", Origin), "Access-Control-Allow-Origin"));
        }
        finally
        {
            await SecurityKit.Config(server, section, "origins", null);
        }
    }

    [Fact]
    public async Task Without_enable_cors_nothing_is_added()
    {
        await SecurityKit.Config(server, "chttpd", "enable_cors", "false");
        try
        {
            var preflight = await Send(HttpMethod.Options, "", Origin, ("Access-Control-Request-Method", "GET"));
            Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
            Assert.Null(Header(await Send(HttpMethod.Get, "", Origin), "Access-Control-Allow-Origin"));
        }
        finally
        {
            await SecurityKit.Config(server, "chttpd", "enable_cors", "true");
        }
    }
}

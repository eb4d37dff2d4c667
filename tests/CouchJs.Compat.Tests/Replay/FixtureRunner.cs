using CouchJs.Compat.Tests.Fixtures;
using CouchJs.Compat.Tests.Matching;
using Xunit.Sdk;

namespace CouchJs.Compat.Tests.Replay;

/// <summary>
/// Replays one fixture file: a fresh database name, created first unless the fixture says not,
/// the exchanges in order (stopping at the first mismatch, since later ones build on it), and the
/// database deleted at the end whatever happened.
/// </summary>
public sealed class FixtureRunner(ServerFixture server)
{
    public async Task RunAsync(Fixture fixture)
    {
        var captures = new CaptureStore("fx-" + Guid.NewGuid().ToString("N")[..16], server.BaseUrl);
        if (fixture.CreateDb)
        {
            WireResponse created = await SendAsync(AdminCall("PUT", "/" + captures.Db), captures);
            if (created.Status is not (201 or 202))
                throw new XunitException($"fixture {fixture.Path}: creating its database answered {created.Status}: {created.BodyText}");
        }
        try
        {
            foreach (Exchange exchange in fixture.Exchanges)
            {
                WireRequest request = WireRequest.From(exchange.Request, captures, server.AdminName, server.AdminPassword);
                WireResponse response = await SendAsync(request);
                IReadOnlyList<Mismatch> mismatches = ResponseChecker.Check(exchange.Response, response, captures);
                if (mismatches.Count > 0)
                    throw new XunitException(FailureReport.Format(fixture, exchange, request, response, mismatches));
            }
        }
        finally
        {
            await SendAsync(AdminCall("DELETE", "/" + captures.Db), captures);
        }
    }

    private FixtureRequest AdminCall(string method, string path) => new(method, path, [], false, null, null, AsAdmin: true);

    private Task<WireResponse> SendAsync(FixtureRequest request, CaptureStore captures) =>
        SendAsync(WireRequest.From(request, captures, server.AdminName, server.AdminPassword));

    private async Task<WireResponse> SendAsync(WireRequest request)
    {
        using HttpRequestMessage message = request.ToMessage();
        using HttpResponseMessage response = await server.Http.SendAsync(message);
        return await WireResponse.ReadAsync(response);
    }
}

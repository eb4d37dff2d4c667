using CouchJs.Database;
using CouchJs.Http.Auth;
using CouchJs.Http.Responses;
using CouchJs.Http.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CouchJs.Http;

/// <summary>
/// The one terminal middleware: authenticates, routes, and turns errors into CouchDB's
/// <c>{"error","reason"}</c> bodies with CouchDB's status codes.
/// </summary>
public sealed class CouchMiddleware(CouchServices services, ILogger<CouchMiddleware> logger)
{
    public async Task Invoke(HttpContext context)
    {
        CouchHeaders.Basic(context.Response, context.Request.Headers["X-Couch-Request-ID"]);
        try
        {
            string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
            var user = services.Auth.Authenticate(context.Request);
            var request = new CouchRequest(context, RequestPath.Parse(raw), services, user);
            Authorization.Check(request);
            await CouchRouter.Dispatch(request).ConfigureAwait(false);
        }
        catch (CouchException error)
        {
            await WriteError(context, error.Status, error.Error, error.Reason).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception error)
        {
            logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteError(context, 500, "unknown_error", error.Message).ConfigureAwait(false);
        }
    }

    private static async Task WriteError(HttpContext context, int status, string error, string reason)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        var allow = context.Response.Headers.Allow;
        context.Response.Clear();
        if (status == 405) context.Response.Headers.Allow = allow;
        if (status == 401) context.Response.Headers.WWWAuthenticate = "Basic realm=\"server\"";
        CouchHeaders.Basic(context.Response, context.Request.Headers["X-Couch-Request-ID"]);
        await JsonResponse.Error(context, status, error, reason).ConfigureAwait(false);
    }
}

using CouchJs.Database;
using CouchJs.Http.Auth;
using CouchJs.Http.Cors;
using CouchJs.Http.Responses;
using CouchJs.Http.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CouchJs.Http;

/// <summary>
/// The one terminal middleware: answers CORS preflights, authenticates, authorizes, routes, and turns
/// errors into CouchDB's <c>{"error","reason"}</c> bodies with CouchDB's status codes.
/// </summary>
public sealed class CouchMiddleware(CouchServices services, ILogger<CouchMiddleware> logger)
{
    public async Task Invoke(HttpContext context)
    {
        CouchHeaders.Basic(context.Response, context.Request.Headers["X-Couch-Request-ID"]);
        try
        {
            if (CorsResponder.TryPreflight(context, services.Config)) return;
            CorsResponder.OnResponse(context, services.Config);
            string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
            var path = RequestPath.Parse(raw);
            var auth = services.Auth.Authenticate(context, path);
            RequestUser.Set(auth.User);
            SessionRenewal.Register(context, auth, services.Config, services.Auth.Time);
            var request = new CouchRequest(context, path, services, auth.User);
            var handler = Authorization.Check(request) ?? CouchRouter.Dispatch;
            await handler(request).ConfigureAwait(false);
        }
        catch (CouchException error)
        {
            await WriteError(context, services, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception error)
        {
            logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteError(context, services, new CouchException(500, "unknown_error", error.Message)).ConfigureAwait(false);
        }
    }

    private static async Task WriteError(HttpContext context, CouchServices services, CouchException error)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        var allow = context.Response.Headers.Allow;
        context.Response.Clear();
        int status = error.Status;
        if (status == 405) context.Response.Headers.Allow = allow;
        if (status == 401) status = UnauthorizedHeaders.Apply(context, services.Config, error.Error, error.Reason);
        CouchHeaders.Basic(context.Response, context.Request.Headers["X-Couch-Request-ID"]);
        await JsonResponse.Error(context, status, error).ConfigureAwait(false);
    }
}

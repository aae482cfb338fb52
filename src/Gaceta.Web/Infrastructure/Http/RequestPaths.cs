using Microsoft.AspNetCore.Diagnostics;

namespace Gaceta.Web.Infrastructure.Http;

internal static class RequestPaths
{
    /// <summary>
    /// The address the visitor asked for: on an error page, the one that failed. The features hold it already
    /// decoded, so it is wrapped as it is; converting the string to a <see cref="PathString"/> would decode it a
    /// second time (<c>/en/%2500</c> would become a NUL and throw).
    /// </summary>
    public static PathString RequestedPath(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { } original ? new PathString(original)
            : context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failed ? new PathString(failed)
            : context.Request.Path;
    }
}

using Gaceta.Redirects;

namespace Gaceta.Web.Features.Redirects;

/// <summary>
/// Old addresses (imported permalinks, changed slugs, the ones editors add) answer 301 to where the content lives
/// now. The redirect table is asked only after nothing else answered a GET: pages that exist never pay for it.
/// </summary>
internal static class MissingPageRedirects
{
    public static IApplicationBuilder UseRedirectsForMissingPages(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var reading = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
            // WordPress's /?p=123 asks for the home page, which exists: that one form is looked up first.
            if (reading && context.Request.Path == "/" && (context.Request.Query.ContainsKey("p") || context.Request.Query.ContainsKey("page_id"))
                && await FindAsync(context) is { } post)
            {
                MovedTo(context, post);
                return;
            }

            await next(context);
            if (reading && context.Response.StatusCode == StatusCodes.Status404NotFound && !context.Response.HasStarted
                && await FindAsync(context) is { } target)
            {
                context.Response.Clear();
                MovedTo(context, target);
            }
        });

    private static Task<string?> FindAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<FindRedirect.Handler>()
            .HandleAsync(new FindRedirect.Query(context.Request.Path.Value ?? "/", context.Request.QueryString.Value), context.RequestAborted);

    private static void MovedTo(HttpContext context, string target)
    {
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = target;
        context.Response.Headers.CacheControl = "public, max-age=86400";
    }
}

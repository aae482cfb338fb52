using Gaceta.Media;
using Microsoft.Net.Http.Headers;

namespace Gaceta.Web.Features.Media;

/// <summary>
/// <c>/media/{hash}/{width}.{avif|webp|jpg}</c> and <c>/media/{hash}/social.jpg</c>: a photo's served copies. The
/// address names the original's content, so a copy never changes: a year of <c>public, immutable</c> caching, an
/// ETag, and range requests. A copy already made is answered before routing, like a static file; one not made
/// yet is made by the endpoint.
/// </summary>
internal static class MediaEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    private const string Prefix = "/media/";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Prefix + "{hash}/{file}", async (HttpContext context, ReadMediaVariant.Handler variants, string hash, string file) =>
            MediaVariants.Parse(hash, file) is { } query && await variants.HandleAsync(query, context.RequestAborted) is { } copy
                ? Serve(context, query, copy.File, copy.ContentType)
                : Results.NotFound());
        return endpoints;
    }

    /// <summary>Answers for copies this node has made already, before routing, sessions and the rest run.</summary>
    public static IApplicationBuilder UseMadeMediaCopies(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && context.Request.Path.Value is { } path
                && path.StartsWith(Prefix, StringComparison.Ordinal)
                && path.AsSpan(Prefix.Length).IndexOf('/') is var slash and > 0
                && MediaVariants.Parse(path.Substring(Prefix.Length, slash), path[(Prefix.Length + slash + 1)..]) is { } query
                && context.RequestServices.GetRequiredService<MediaCache>().Find(query) is { } file)
            {
                await Serve(context, query, file, MediaCache.ContentTypeOf(query)).ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static IResult Serve(HttpContext context, ReadMediaVariant.Query query, string file, string contentType)
    {
        context.Response.Headers.CacheControl = Immutable;
        var variant = query.Social ? "social" : $"{query.Width}-{MediaVariants.Extension(query.Format)}";
        var tag = new EntityTagHeaderValue($"\"{query.Hash[..16]}-{variant}\"");
        return Results.File(file, contentType, entityTag: tag, enableRangeProcessing: true);
    }
}

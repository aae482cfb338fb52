using System.Globalization;
using Gaceta.Media;
using Microsoft.Net.Http.Headers;

namespace Gaceta.Web.Features.Media;

/// <summary>
/// <c>/media/{hash}/{width}.{avif|webp|jpg}</c>: a photo's served copies. The address names the original's
/// content, so a copy never changes: a year of <c>public, immutable</c> caching, an ETag, and range requests.
/// </summary>
internal static class MediaEndpoints
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{hash}/{width:int}.{ext}", VariantAsync);
        endpoints.MapGet("/media/{hash}/social.jpg", (HttpContext context, ReadMediaVariant.Handler variants, string hash) =>
            ServeAsync(context, variants, new ReadMediaVariant.Query(hash, 0, VariantFormat.Jpeg, Social: true), "social"));
        return endpoints;
    }

    private static async Task<IResult> VariantAsync(HttpContext context, ReadMediaVariant.Handler variants, string hash, int width, string ext)
    {
        return MediaVariants.FormatOf(ext) is { } format
            ? await ServeAsync(context, variants, new ReadMediaVariant.Query(hash, width, format), string.Create(CultureInfo.InvariantCulture, $"{width}-{ext}"))
            : Results.NotFound();
    }

    private static async Task<IResult> ServeAsync(HttpContext context, ReadMediaVariant.Handler variants, ReadMediaVariant.Query query, string variant)
    {
        if (await variants.HandleAsync(query, context.RequestAborted) is not { } copy)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = Immutable;
        var tag = new EntityTagHeaderValue($"\"{query.Hash[..16]}-{variant}\"");
        return Results.File(copy.File, copy.ContentType, lastModified: copy.CreatedAt, entityTag: tag, enableRangeProcessing: true);
    }
}

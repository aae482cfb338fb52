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
        return endpoints;
    }

    private static async Task<IResult> VariantAsync(HttpContext context, ReadMediaVariant.Handler variants, string hash, int width, string ext)
    {
        if (MediaVariants.FormatOf(ext) is not { } format
            || await variants.HandleAsync(new ReadMediaVariant.Query(hash, width, format), context.RequestAborted) is not { } copy)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = Immutable;
        var tag = new EntityTagHeaderValue(string.Create(CultureInfo.InvariantCulture, $"\"{hash[..16]}-{width}-{ext}\""));
        return Results.File(copy.File, copy.ContentType, lastModified: copy.CreatedAt, entityTag: tag, enableRangeProcessing: true);
    }
}

using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Gaceta.Web.Infrastructure.Http;

/// <summary>
/// Answers a GET with a body built in memory, or with 304 when the client's copy is current: a strong ETag from
/// the body's hash (If-None-Match), else the Last-Modified date (If-Modified-Since).
/// </summary>
internal static class ConditionalGet
{
    public static IResult Serve(HttpContext context, byte[] body, string contentType, DateTime? lastModifiedUtc, string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12))}\"");
        var response = context.Response.GetTypedHeaders();
        response.ETag = etag;
        response.CacheControl = CacheControlHeaderValue.Parse(cacheControl);
        // HTTP dates have whole seconds.
        DateTimeOffset? lastModified = lastModifiedUtc is { } utc
            ? new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero)
            : null;
        response.LastModified = lastModified;

        var request = context.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch is { Count: > 0 } candidates
            ? candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && lastModified is { } modified && modified <= since;
        return notModified ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(body, contentType);
    }
}

using System.Net;

namespace Gaceta.Importing;

/// <summary>
/// Photos fetched over HTTP for an import (<c>--fetch-media</c>): one shared client, a bounded wait, no redirects
/// (a redirect could leave the exporting site), and never more bytes than the library accepts.
/// </summary>
public sealed class PhotoDownloads : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { { "User-Agent", "Gaceta-Import/1.0" } },
    };

    /// <returns>The bytes, or null and why not (an HTTP status, too large, unreachable) in a few words.</returns>
    public async Task<(byte[]? Bytes, string? Error)> GetAsync(Uri address, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var response = await _client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (null, "larger than the library accepts");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > maxBytes)
                {
                    return (null, "larger than the library accepts");
                }

                copy.Write(buffer, 0, read);
            }

            return (copy.ToArray(), null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError == HttpRequestError.Unknown ? "unreachable" : e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "no answer in time");
        }
    }

    public void Dispose() => _client.Dispose();
}

using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Gaceta.Tests.Infrastructure;

/// <summary>Reads responses the way a browser would, so assertions are about elements, not substrings.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string path, HttpStatusCodeExpectation expected = HttpStatusCodeExpectation.Ok)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (expected == HttpStatusCodeExpectation.Ok)
        {
            Assert.True(response.IsSuccessStatusCode, $"GET {path} returned {(int)response.StatusCode}.");
        }

        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static string Text(this IElement? element) =>
        string.Join(' ', (element?.TextContent ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public enum HttpStatusCodeExpectation
{
    Ok,
    Any,
}

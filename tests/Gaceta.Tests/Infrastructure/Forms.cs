namespace Gaceta.Tests.Infrastructure;

/// <summary>Sending reader forms the way a browser on the site would: posts form-encoded, with the site's Origin.</summary>
public static class Forms
{
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client,
        string path,
        IEnumerable<KeyValuePair<string, string>> fields,
        string? origin = GacetaApp.PublicUrl,
        string? clientAddress = null,
        IDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (clientAddress is not null)
        {
            request.Headers.TryAddWithoutValidation(GacetaApp.ClientHeader, clientAddress);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A GET (a search form's, say) from the given client address.</summary>
    public static async Task<HttpResponseMessage> GetWithClientAsync(this HttpClient client, string path, string clientAddress)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(GacetaApp.ClientHeader, clientAddress);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// The fields of a vote, with the form token of a page rendered a minute earlier (as a reader's would be);
    /// pass null to leave a field out, and <paramref name="token"/> to send another token.
    /// </summary>
    public static List<KeyValuePair<string, string>> Vote(
        CreatedPoll poll,
        int? answer,
        string? email = null,
        bool newsletter = false,
        string? honeypot = null,
        string? elapsed = null,
        string? returnPath = null,
        string? token = null)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var fields = new List<KeyValuePair<string, string>>();
        fields.Add(new("token", token ?? poll.FormToken()));

        if (answer is { } a)
        {
            fields.Add(new("answer", a.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        fields.Add(new("email", email ?? string.Empty));
        if (newsletter)
        {
            fields.Add(new("newsletter", "yes"));
        }

        fields.Add(new("website", honeypot ?? string.Empty));
        fields.Add(new("elapsed", elapsed ?? string.Empty));
        if (returnPath is not null)
        {
            fields.Add(new("return", returnPath));
        }

        return fields;
    }
}

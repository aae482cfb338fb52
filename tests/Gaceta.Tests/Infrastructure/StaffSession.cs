using System.Globalization;
using System.Net;
using Gaceta.Staff;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Infrastructure;

/// <summary>
/// A staff member signed in through the real sign-in form, with a browser's cookie jar. Forms are posted with the
/// antiforgery token of the page they come from, as a browser would.
/// </summary>
public sealed class StaffSession(HttpClient client, string email, string password, string id) : IDisposable
{
    private static int _nextClient;

    public HttpClient Client { get; } = client;

    public string Email { get; } = email;

    public string Password { get; } = password;

    public string Id { get; } = id;

    /// <summary>Creates an account with <paramref name="role"/> and signs it in.</summary>
    public static async Task<StaffSession> SignInAsync(GacetaApp app, string role, string language = "en")
    {
        var (email, password, id) = await CreateAccountAsync(app, role, language);
        var client = NewBrowser(app);
        var response = await PostPageFormAsync(client, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new StaffSession(client, email, password, id);
    }

    public static async Task<(string Email, string Password, string Id)> CreateAccountAsync(GacetaApp app, string role, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@gaceta.test";
        var password = $"tide clock {Guid.NewGuid():N}";
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AddStaffMember.Handler>()
            .HandleAsync(new AddStaffMember.Command(email, role, $"{role} {email[..12]}", language, password), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return (email, password, result.Id!);
    }

    /// <summary>A client with its own cookie jar and its own address (sign-ins are limited per address).</summary>
    public static HttpClient NewBrowser(GacetaApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(GacetaApp.PublicUrl),
        });
        var n = Interlocked.Increment(ref _nextClient);
        client.DefaultRequestHeaders.Add(GacetaApp.ClientHeader, string.Create(CultureInfo.InvariantCulture, $"198.51.{n / 250 % 250}.{n % 250 + 1}"));
        return client;
    }

    /// <summary>
    /// Opens <paramref name="pagePath"/>, takes its antiforgery token and posts <paramref name="fields"/> to
    /// <paramref name="action"/>, from the pages of <paramref name="origin"/> (the test site's by default).
    /// </summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(
        HttpClient client, string pagePath, IEnumerable<KeyValuePair<string, string>> fields, string? action = null, string origin = GacetaApp.PublicUrl)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetDocumentAsync(pagePath);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pagePath} has no antiforgery token.");
        return await client.PostFormAsync(action ?? pagePath, fields.Append(new("__RequestVerificationToken", token)), origin);
    }

    public Task<HttpResponseMessage> PostAsync(string pagePath, IEnumerable<KeyValuePair<string, string>> fields, string? action = null) =>
        PostPageFormAsync(Client, pagePath, fields, action);

    /// <summary>Posts a page's form as <c>multipart/form-data</c>, the way a browser sends a chosen file with it.</summary>
    public async Task<HttpResponseMessage> PostWithFileAsync(
        string pagePath, IEnumerable<KeyValuePair<string, string>> fields, string fileField, byte[] file, string fileName, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var page = await Client.GetDocumentAsync(pagePath);
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pagePath} has no form that takes files.");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, fileField, fileName);
        return await Client.PostAsync(new Uri(action ?? pagePath, UriKind.Relative), content);
    }

    public void Dispose() => Client.Dispose();
}

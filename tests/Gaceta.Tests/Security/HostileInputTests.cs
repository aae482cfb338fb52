using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Security;

/// <summary>
/// Hostile values sent to every route the host maps and to every operation of the OpenAPI document: none may
/// answer 5xx, and the host is healthy afterwards.
/// </summary>
public abstract class HostileInputTests(GacetaApp app)
{
    /// <summary>
    /// Already percent-encoded: they go into the address as they are. A raw <c>%00</c> in a path never reaches the
    /// application (Kestrel answers 400 itself, and the in-memory test server cannot carry it), so the NULs here
    /// are the ones that arrive decoded once: <c>%2500</c>.
    /// </summary>
    private static readonly string[] HostileSegments =
    [
        "%2500", "a%2500b", "%C0%AF", "%C0%80", "%FF%FE", "%E2%82", "%ED%A0%80", "%F4%90%80%80",
        "..%2F..%2Fetc%2Fpasswd", "%2E%2E", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%22%3B--", "%F0%9F%92%A9",
        "-1", "0", "99999999999999999999999", "1e308", "NaN", "%20", new string('a', 3000),
        "%7B%7Bpoll%3Ax%7D%7D", "%25", "%5C",
    ];

    private static readonly string[] HostileQueries =
    [
        "q=%00", "q=%2500", "q=%22AND(OR*", "q=NEAR(a+b)", "q=*%3A*", "q=%C0%AF%FF", "q=" + new string('x', 5000),
        "q=a&page=-1", "page=99999999999999", "page=%00", "cursor=%00", "cursor=%FF%FE", "cursor=" + new string('A', 4000),
        "limit=-5", "limit=99999999999", "fragment=%00", "return=%2F%2Fevil.example", "token=%00", "ReturnUrl=%00",
        "q[]=1&q[]=2", "q=a&q=b",
    ];

    [Fact]
    public async Task HostileAddresses_OnEveryRoute_NeverAnswer5xx()
    {
        var failures = new List<string>();
        var client = app.CreateReader();
        foreach (var (method, path) in RouteTargets())
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.TryAddWithoutValidation("Origin", GacetaApp.PublicUrl);
            if (method != HttpMethod.Get)
            {
                request.Content = new StringContent("answer=%00&email=%C0%AF&website=", Encoding.UTF8, "application/x-www-form-urlencoded");
            }

            await SendAsync(client, request, failures);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task HostileBodies_AndContentTypes_OnEveryPostedRoute_NeverAnswer5xx()
    {
        var failures = new List<string>();
        var client = app.CreateReader();
        var story = await app.Stories.CreateBilingualAsync();
        var paths = RouteTargets(concrete: true, storyPath: story.PathIn("en"))
            .Where(t => t.Method != HttpMethod.Get)
            .Select(t => t.Path)
            .Distinct()
            .ToList();
        foreach (var path in paths)
        {
            foreach (var content in HostileBodies())
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
                request.Headers.TryAddWithoutValidation("Origin", GacetaApp.PublicUrl);
                await SendAsync(client, request, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task HostileValues_OnEveryOpenApiOperation_NeverAnswer5xx_WithOrWithoutAKey()
    {
        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        string key;
        using (var made = await admin.PostAsync("/admin/keys", [new("name", $"hostile-{Guid.NewGuid():N}"[..20]), new("role", StaffRoles.Editor)]))
        {
            key = Html.Parse(await made.Content.ReadAsStringAsync()).QuerySelector("code.password")!.TextContent.Trim();
        }

        var client = app.CreateReader();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative)));
        var failures = new List<string>();
        var operations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description")
                {
                    continue;
                }

                operations++;
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                foreach (var address in OpenApiAddresses(path.Name))
                {
                    foreach (var bearer in new[] { null, key, "gk_1_" + new string('x', 40), "gk_%00" })
                    {
                        var bodies = method == HttpMethod.Get || method == HttpMethod.Delete ? [null] : HostileBodies().Append(null);
                        foreach (var body in bodies)
                        {
                            using var request = new HttpRequestMessage(method, address) { Content = body };
                            if (bearer is not null)
                            {
                                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
                            }

                            await SendAsync(client, request, failures);
                        }
                    }
                }
            }
        }

        Assert.True(operations > 5, $"Only {operations} operations were found in the OpenAPI document.");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
        await AssertHealthyAsync();
    }

    private static async Task SendAsync(HttpClient client, HttpRequestMessage request, List<string> failures)
    {
        var target = $"{request.Method} {request.RequestUri} ({request.Content?.Headers.ContentType?.MediaType ?? "no body"})";
        try
        {
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {target}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            failures.Add($"{e.GetType().Name} for {target}: {e.Message}");
        }
    }

    private async Task AssertHealthyAsync()
    {
        var client = app.CreateReader();
        using var health = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var front = await client.GetAsync(new Uri("/es/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, front.StatusCode);
    }

    /// <summary>Every mapped route with hostile values in its parameters and query, for each method it takes.</summary>
    private IEnumerable<(HttpMethod Method, string Path)> RouteTargets(bool concrete = false, string? storyPath = null)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 30, $"Only {endpoints.Count} routes were found.");
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var pattern = endpoint.RoutePattern;
            foreach (var method in methods.Select(m => new HttpMethod(m)))
            {
                if (concrete)
                {
                    yield return (method, Fill(pattern, "en", "1"));
                    continue;
                }

                yield return (method, Fill(pattern, "%2500", "1"));
                foreach (var value in HostileSegments)
                {
                    yield return (method, Fill(pattern, "en", value));
                }

                foreach (var query in HostileQueries)
                {
                    yield return (method, $"{Fill(pattern, "es", "1")}?{query}");
                }
            }
        }

        if (storyPath is not null)
        {
            yield return (HttpMethod.Post, storyPath);
        }
    }

    private static string Fill(RoutePattern pattern, string language, string value)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: "lang" or "language" } => language,
                    RoutePatternParameterPart => value,
                    _ => value,
                });
            }

            segments.Add(text.ToString());
        }

        return "/" + string.Join('/', segments);
    }

    private static IEnumerable<string> OpenApiAddresses(string template)
    {
        foreach (var value in HostileSegments.Append("en").Append("es").Append("1"))
        {
            var path = System.Text.RegularExpressions.Regex.Replace(
                template,
                @"\{(\w+)\}",
                m => m.Groups[1].Value is "lang" or "language" && value is not ("en" or "es") ? "en" : value);
            yield return path;
        }

        foreach (var query in HostileQueries)
        {
            yield return System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m => m.Groups[1].Value is "lang" or "language" ? "es" : "1")
                + "?" + query;
        }
    }

    private static IEnumerable<HttpContent> HostileBodies()
    {
        var nested = new string('[', 20_000) + new string(']', 20_000);
        var deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000);
        yield return new StringContent("{", Encoding.UTF8, "application/json");
        yield return new StringContent(nested, Encoding.UTF8, "application/json");
        yield return new StringContent(deepObject, Encoding.UTF8, "application/json");
        yield return new StringContent("""{"headline":"\u0000","body":"\uD800","sectionId":"x","authorIds":[-1,99999999999],"language":"%00","version":-1}""", Encoding.UTF8, "application/json");
        yield return new StringContent("{\"headline\":\"" + new string('h', 200_000) + "\"}", Encoding.UTF8, "application/json");
        yield return new StringContent("[1,2,3]", Encoding.UTF8, "application/json");
        yield return new StringContent("null", Encoding.UTF8, "application/json");
        yield return new StringContent("<a>1</a>", Encoding.UTF8, "application/xml");
        yield return new StringContent("answer=1", Encoding.UTF8, "text/plain");
        var invalidUtf8 = new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0xFF, 0xFE, 0x22, 0x7D]);
        invalidUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        yield return invalidUtf8;
        var invalidForm = new ByteArrayContent([0x61, 0x6E, 0x73, 0x77, 0x65, 0x72, 0x3D, 0xC0, 0xAF, 0x26, 0x65, 0x6D, 0x61, 0x69, 0x6C, 0x3D, 0xFF]);
        invalidForm.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        yield return invalidForm;
        yield return new StringContent("answer=%00&email=%3Cvictim%40example.com%3E&website=&elapsed=-99999999999999&return=%2F%2Fevil&token=%00", Encoding.UTF8, "application/x-www-form-urlencoded");
        yield return new StringContent(string.Concat(Enumerable.Repeat("a=1&", 5_000)), Encoding.UTF8, "application/x-www-form-urlencoded");
        var multipart = new MultipartFormDataContent("--boundary") { { new StringContent("%00"), "answer" } };
        yield return multipart;
        var brokenMultipart = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", Encoding.UTF8);
        brokenMultipart.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        yield return brokenMultipart;
        var noType = new ByteArrayContent([0x00, 0x01, 0x02]);
        yield return noType;
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteHostileInputTests(SqliteApp app) : HostileInputTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresHostileInputTests(PostgresApp app) : HostileInputTests(app);

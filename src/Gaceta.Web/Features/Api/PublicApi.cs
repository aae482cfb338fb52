using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Gaceta.Api;
using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Search;
using Gaceta.Wire;
using Gaceta.Site;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Http;
using Gaceta.Web.Infrastructure.Network;
using Gaceta.Web.Features.Search;

namespace Gaceta.Web.Features.Api;

/// <summary>
/// The JSON API under <c>/api/v1</c>: anonymous reads of what readers can see (with ETags and stable cursors),
/// and writes for software holding an API key. Every error is RFC 9457 problem details.
/// </summary>
internal static class PublicApi
{
    public const string Prefix = "/api/v1";

    /// <summary>A key with a role that may create stories: reporters, editors.</summary>
    public const string WriterPolicy = "ApiWriter";

    private const string JsonType = "application/json; charset=utf-8";
    private const string CacheControl = "public, max-age=60";

    /// <summary>A new story and its first article, as a draft unless <see cref="Publish"/> is set (editors' keys only).</summary>
    public sealed record NewStory(
        string? Language,
        int SectionId,
        IReadOnlyList<int>? AuthorIds,
        string? Headline,
        string? Standfirst,
        string? Body,
        string? Slug,
        string? WireCredit,
        string? ImageUrl = null,
        string? ImageCredit = null,
        string? ImageAlt = null,
        bool Publish = false);

    /// <summary>
    /// A change to one article: only the fields sent change, and a field left out (or null) keeps its value. An
    /// empty string clears an optional text (wire credit, image, its credit and alt text). The versions are those
    /// the change was made from (the answer to the last write).
    /// </summary>
    public sealed record ArticleChange(
        int StoryVersion,
        int ArticleVersion,
        int? SectionId,
        IReadOnlyList<int>? AuthorIds,
        string? Headline,
        string? Standfirst,
        string? Body,
        string? Slug,
        string? WireCredit,
        string? ImageUrl = null,
        string? ImageCredit = null,
        string? ImageAlt = null,
        bool Publish = false);

    /// <summary>What a write did, with the versions the next write must name.</summary>
    public sealed record Saved(int StoryId, string Language, int StoryVersion, int ArticleVersion, string Status);

    public sealed record SearchResult(string Query, int Page, bool HasNext, IReadOnlyList<SearchHit> Hits);

    public sealed record SearchHit(int StoryId, string Headline, string Standfirst, string Url, DateTime PublishedAt, string Section, string SnippetHtml);


    /// <summary>Each item's fate, in the order sent.</summary>
    public sealed record WireResult(int Created, int Updated, int Unchanged, int Skipped, int Invalid, IReadOnlyList<ImportWire.ItemResult> Items);

    /// <summary>
    /// The reads' JSON: web defaults, with letters of every script written as they are (<c>grúas</c>, not
    /// <c>gr\u00FAas</c>); characters that matter in HTML are still escaped.
    /// </summary>
    private static readonly JsonSerializerOptions ReadJson = new(JsonSerializerOptions.Web) { Encoder = ApiFeature.JsonEncoder };

    /// <summary>Wire import bodies larger than this are refused (413).</summary>
    public const int MaxWireBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).WithTags("Gaceta");
        api.MapGet("/sections", SectionsAsync).WithName("ListSections").WithSummary("Sections and their names in every language.")
            .Produces<IReadOnlyList<ApiViews.SectionNames>>();
        api.MapGet("/stories", StoriesAsync).WithName("ListStories").WithSummary("Stories with their published articles, newest first.")
            .Produces<ApiViews.Page<ApiViews.StoryView>>().ProducesValidationProblem();
        api.MapGet("/stories/{id:int}", StoryAsync).WithName("GetStory").WithSummary("One story with each published article's body.")
            .Produces<ApiViews.StoryView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/{lang}", ArticlesAsync).WithName("ListArticles").WithSummary("One language's published articles, newest first.")
            .Produces<ApiViews.Page<ApiViews.ArticleView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/{lang}/{slug}", ArticleAsync).WithName("GetArticle").WithSummary("One published article with its body.")
            .Produces<ApiViews.ArticleView>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/articles/{lang}/{slug}/ninjs", ArticleNinjsAsync).WithName("GetArticleNinjs").WithSummary("One published article as an IPTC ninjs 2.0 item.")
            .Produces<System.Text.Json.Nodes.JsonObject>(contentType: NinjsExport.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/search/{lang}", SearchAsync).WithName("Search").WithSummary("Full-text search of one language's published articles.")
            .Produces<SearchResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var write = api.MapGroup(string.Empty).RequireAuthorization(WriterPolicy);
        write.MapPost("/stories", CreateStoryAsync).WithName("CreateStory").WithSummary("Create a story with its first article (a draft unless publish is set).")
            .Produces<Saved>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        write.MapPost("/wire", ImportWireAsync).WithName("ImportWire").WithSummary("Import IPTC ninjs items (one, or an array) as draft stories.")
            .Accepts<System.Text.Json.Nodes.JsonNode>("application/json")
            .Produces<WireResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        write.MapPut("/stories/{id:int}/articles/{lang}", UpdateArticleAsync).WithName("UpdateArticle").WithSummary("Change one article of a story.")
            .WithDescription("Only the fields sent change: a field left out, or null, keeps its value (the lead image, its credit and alt text, the byline and the section included). Send an empty string to clear an optional text (wireCredit, imageUrl, imageCredit, imageAlt). storyVersion and articleVersion are required: they are the versions of the last answer, and a stale one is refused with 409.")
            .Produces<Saved>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The request's key as an audit actor; only on endpoints behind <see cref="WriterPolicy"/>.</summary>
    internal static Actor ActorOf(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.FindFirstValue(ApiKeyAuthentication.ActorNameClaim)!, user.FindFirstValue(ClaimTypes.Role)!);

    private static async Task<IResult> SectionsAsync(HttpContext context, ListApiSections.Handler sections) =>
        Json(context, await sections.HandleAsync(new ListApiSections.Query(), context.RequestAborted), null);

    private static async Task<IResult> StoriesAsync(HttpContext context, ListApiStories.Handler stories, string? cursor, int? limit)
    {
        if (Limit(limit) is not { } take)
        {
            return LimitProblem();
        }

        var page = await stories.HandleAsync(new ListApiStories.Query(cursor, take), context.RequestAborted);
        return page is null ? CursorProblem() : Json(context, page, null);
    }

    private static async Task<IResult> StoryAsync(HttpContext context, ReadApiStory.Handler stories, int id)
    {
        var story = await stories.HandleAsync(new ReadApiStory.Query(id), context.RequestAborted);
        return story is null
            ? NotFound("No published story has this id.")
            : Json(context, story, story.Articles.Values.Max(a => a.UpdatedAt));
    }

    private static async Task<IResult> ArticlesAsync(HttpContext context, ListApiArticles.Handler articles, SiteLanguages languages, string lang, string? cursor, int? limit)
    {
        if (!languages.IsSupported(lang))
        {
            return LanguageProblem(languages);
        }

        if (Limit(limit) is not { } take)
        {
            return LimitProblem();
        }

        var page = await articles.HandleAsync(new ListApiArticles.Query(lang, cursor, take), context.RequestAborted);
        return page is null ? CursorProblem() : Json(context, page, page.Items.Count == 0 ? null : page.Items.Max(a => a.UpdatedAt));
    }

    private static async Task<IResult> ArticleAsync(HttpContext context, ReadApiArticle.Handler articles, SiteLanguages languages, string lang, string slug)
    {
        if (!languages.IsSupported(lang))
        {
            return LanguageProblem(languages);
        }

        var article = await articles.HandleAsync(new ReadApiArticle.Query(lang, slug), context.RequestAborted);
        return article is null ? NotFound("No published article has this slug in this language.") : Json(context, article, article.UpdatedAt);
    }

    private static async Task<IResult> ArticleNinjsAsync(HttpContext context, ReadApiArticle.Handler articles, SiteLanguages languages, Microsoft.Extensions.Options.IOptions<SiteOptions> site, string lang, string slug)
    {
        if (!languages.IsSupported(lang))
        {
            return LanguageProblem(languages);
        }

        var article = await articles.HandleAsync(new ReadApiArticle.Query(lang, slug), context.RequestAborted);
        return article is null
            ? NotFound("No published article has this slug in this language.")
            : ConditionalGet.Serve(context, JsonSerializer.SerializeToUtf8Bytes(NinjsExport.From(article, site.Value.Name), ReadJson), NinjsExport.MediaType, article.UpdatedAt, CacheControl);
    }

    /// <summary>Items are imported one by one; the answer lists every item's outcome, the invalid ones with their reasons.</summary>
    private static async Task<IResult> ImportWireAsync(HttpContext context, FindWireSection.Handler sections, ImportWire.Handler wire, string? section)
    {
        if (context.Request.ContentLength > MaxWireBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: "Send at most 10 MB of items per request.");
        }

        if (await sections.HandleAsync(new FindWireSection.Query(section), context.RequestAborted) is not { } sectionId)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["section"] = ["No section has this slug (and without one, the site has no section yet)."] });
        }

        // Content-Length answers early; a chunked body is counted as it arrives.
        if (await ReadAtMostAsync(context.Request.Body, MaxWireBytes, context.RequestAborted) is not { } json)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: "Send at most 10 MB of items per request.");
        }

        var results = await wire.HandleAsync(new ImportWire.Command(json, "request", sectionId, ActorOf(context.User)), context.RequestAborted);
        if (results is [{ Outcome: ImportWire.Outcome.Invalid, Uri: null } only] && only.Errors[0].StartsWith("Not valid JSON", StringComparison.Ordinal))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [only.Errors[0]] });
        }

        return Results.Ok(new WireResult(
            results.Count(r => r.Outcome == ImportWire.Outcome.Created),
            results.Count(r => r.Outcome == ImportWire.Outcome.Updated),
            results.Count(r => r.Outcome == ImportWire.Outcome.Unchanged),
            results.Count(r => r.Outcome == ImportWire.Outcome.Skipped),
            results.Count(r => r.Outcome == ImportWire.Outcome.Invalid),
            results));
    }

    /// <summary>The body as text, or null once it passes <paramref name="limit"/> bytes (the rest is not read).</summary>
    private static async Task<string?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        // Read as a StreamReader reads a request: a byte order mark names the encoding and is dropped.
        buffer.Position = 0;
        using var reader = new StreamReader(buffer);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, SearchArticles.Handler search, SearchRateLimiter limiter, SiteLanguages languages, Shared.SiteUrls urls, string lang, string? q, int? page)
    {
        if (!languages.IsSupported(lang))
        {
            return LanguageProblem(languages);
        }

        if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["Give the words to search for, 200 characters at most."] });
        }

        if (page is < 1 or > 1000)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["Pages are numbered from 1 to 1000."] });
        }

        // The same per-client allowance as the search page. API answers are not output-cached, so every search here counts.
        if (await limiter.TryAcquireAsync(context.ClientAddress(), context.RequestAborted) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many searches", detail: "Wait a minute before searching again.");
        }

        var result = await search.HandleAsync(new SearchArticles.Query(lang, q, page ?? 1), context.RequestAborted);
        context.TagReaderCache(ReaderCache.FrontTag);
        return Json(
            context,
            new SearchResult(q, result.Page, result.HasNext, result.Hits.Select(h => new SearchHit(h.StoryId, h.Headline, h.Standfirst, urls.Absolute(h.Path), h.PublishedAt, h.Section.Name, h.SnippetHtml)).ToList()),
            null);
    }

    private static async Task<IResult> CreateStoryAsync(HttpContext context, EditStory.Handler stories, SiteLanguages languages, NewStory? request)
    {
        if (request is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the story as a JSON object."] });
        }

        if (!languages.IsSupported(request.Language))
        {
            return LanguageProblem(languages, "language");
        }

        var command = new EditStory.Command(
            null,
            request.Language!,
            0,
            0,
            new EditStory.StoryFields(request.SectionId, request.AuthorIds ?? [], request.WireCredit, request.ImageUrl, request.ImageCredit),
            new EditStory.ArticleFields(request.Headline ?? string.Empty, request.Standfirst ?? string.Empty, request.Slug, request.Body ?? string.Empty, request.ImageAlt),
            request.Publish ? EditStory.Intent.Publish : EditStory.Intent.Save,
            null,
            ActorOf(context.User));
        return await SaveAsync(context, command, created: true);
    }

    private static async Task<IResult> UpdateArticleAsync(HttpContext context, SiteLanguages languages, ReadStoryEditor.Handler editor, int id, string lang, ArticleChange? request)
    {
        if (request is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send the change as a JSON object."] });
        }

        if (!languages.IsSupported(lang))
        {
            return LanguageProblem(languages);
        }

        // What is not sent stays as it is: the change is laid over the story as it stands.
        var actor = ActorOf(context.User);
        var current = await editor.HandleAsync(new ReadStoryEditor.Query(id, lang, actor), context.RequestAborted);
        if (current is not { Exists: true })
        {
            return NotFound("No story has an article in this language with this id.");
        }

        var story = current.Story;
        var article = current.Article;
        var command = new EditStory.Command(
            id,
            lang,
            request.StoryVersion,
            request.ArticleVersion,
            new EditStory.StoryFields(
                request.SectionId ?? story.SectionId,
                request.AuthorIds ?? story.AuthorIds,
                Optional(request.WireCredit, story.WireCredit),
                Optional(request.ImageUrl, story.ImageUrl),
                Optional(request.ImageCredit, story.ImageCredit)),
            new EditStory.ArticleFields(
                request.Headline ?? article.Headline,
                request.Standfirst ?? article.Standfirst,
                request.Slug ?? article.Slug,
                request.Body ?? article.Body,
                Optional(request.ImageAlt, article.ImageAlt)),
            request.Publish ? EditStory.Intent.Publish : EditStory.Intent.Save,
            null,
            actor);
        return await SaveAsync(context, command, created: false);
    }

    /// <summary>An optional text: left out keeps <paramref name="current"/>, empty clears it.</summary>
    private static string? Optional(string? sent, string? current) => sent is null ? current : sent.Length == 0 ? null : sent;

    /// <summary>Runs the same edit the staff form runs, and answers it in HTTP: 201/200, 400, 403, 404 or 409.</summary>
    private static async Task<IResult> SaveAsync(HttpContext context, EditStory.Command command, bool created)
    {
        var services = context.RequestServices;
        var result = await services.GetRequiredService<EditStory.Handler>().HandleAsync(command, context.RequestAborted);
        switch (result.Outcome)
        {
            case EditStory.Outcome.Invalid:
                return Results.ValidationProblem(result.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => new[] { e.Value }));
            case EditStory.Outcome.Forbidden:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This key's role may not do that", detail: "Reporters' keys write drafts; publishing needs an editor's key.");
            case EditStory.Outcome.NotFound:
                return NotFound("No story has an article in this language with this id.");
            case EditStory.Outcome.Conflict:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The article changed since that version", detail: "Read it again and send the change with the current versions.");
        }

        var versions = result.Saved!;
        var saved = new Saved(result.StoryId, command.Language, versions.StoryVersion, versions.ArticleVersion, versions.Status.ToString());
        var location = string.Create(CultureInfo.InvariantCulture, $"{Prefix}/stories/{result.StoryId}");
        return created ? Results.Created(location, saved) : Results.Ok(saved);
    }

    private static IResult Json<T>(HttpContext context, T value, DateTime? lastModified) =>
        ConditionalGet.Serve(context, JsonSerializer.SerializeToUtf8Bytes(value, ReadJson), JsonType, lastModified, CacheControl);

    private static int? Limit(int? limit) => limit switch
    {
        null => ApiViews.DefaultLimit,
        >= 1 and <= ApiViews.MaxLimit => limit,
        _ => null,
    };

    private static IResult LimitProblem() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [string.Create(CultureInfo.InvariantCulture, $"Ask for 1 to {ApiViews.MaxLimit} items.")] });

    private static IResult CursorProblem() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["Use the 'next' value of a previous page, as it was given."] });

    private static IResult LanguageProblem(SiteLanguages languages, string? field = null) =>
        field is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such language", detail: $"Use one of: {string.Join(", ", languages.All.Select(l => l.Code))}.")
            : Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"Use one of: {string.Join(", ", languages.All.Select(l => l.Code))}."] });

    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);
}

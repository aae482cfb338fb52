using System.Globalization;
using Gaceta.Articles;
using Gaceta.Site;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gaceta.Web.Features.Admin;

/// <summary>
/// JSON endpoints the staff pages use to enhance their forms (every form also works without them): a slug
/// suggestion and a rendered preview of a Markdown body. Neither changes anything.
/// </summary>
internal static class StaffApi
{
    public const string Prefix = AdminArea.PathPrefix + "/api";

    /// <summary>A Markdown body to render.</summary>
    public sealed record PreviewRequest(string? Markdown);

    public sealed record PreviewResponse(string Html);

    public sealed record SlugResponse(string Slug);

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).RequireAuthorization(AdminArea.StaffPolicy);
        api.MapGet("/slug", SuggestSlugAsync).WithName("SuggestSlug");
        api.MapPost("/preview", Preview).WithName("PreviewBody");
        return endpoints;
    }

    /// <summary>A unique slug for <paramref name="headline"/> among <paramref name="language"/>'s articles.</summary>
    private static async Task<Results<Ok<SlugResponse>, ValidationProblem>> SuggestSlugAsync(
        string? language, string? headline, int? storyId, SiteLanguages languages, SuggestSlug.Handler slugs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!languages.IsSupported(language))
        {
            errors["language"] = [string.Create(CultureInfo.InvariantCulture, $"Use one of: {string.Join(", ", languages.All.Select(l => l.Code))}.")];
        }

        if (string.IsNullOrWhiteSpace(headline))
        {
            errors["headline"] = ["Give the headline to make the slug from."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var slug = await slugs.HandleAsync(new SuggestSlug.Query(language!, headline!, storyId), cancellationToken);
        return TypedResults.Ok(new SlugResponse(slug));
    }

    /// <summary>The body as readers would get it: sanitized HTML, poll markers shown as placeholders.</summary>
    private static Results<Ok<PreviewResponse>, ValidationProblem> Preview(PreviewRequest request, ArticleBodyRenderer renderer)
    {
        if (request.Markdown is null || request.Markdown.Length > 200_000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["markdown"] = ["Send the body as Markdown, 200,000 characters at most."] });
        }

        var html = string.Concat(renderer.ToBlocks(request.Markdown).Select(b =>
            b.Html ?? $"<p class=\"embed-placeholder\">{{{{{b.Embed!.Kind}:{System.Net.WebUtility.HtmlEncode(b.Embed.Key)}}}}}</p>"));
        return TypedResults.Ok(new PreviewResponse(html));
    }
}

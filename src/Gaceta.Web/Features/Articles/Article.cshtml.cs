using Gaceta.Articles;
using Gaceta.Polls;
using Gaceta.Site;
using Gaceta.Web.Features.Polls;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Articles;

/// <summary>One article, at <c>/{lang}/{yyyy}/{mm}/{slug}</c>.</summary>
public sealed class ArticleModel(ReadArticle.Handler articles, ReadPollResults.Handler pollResults, SiteLanguages languages)
    : ReaderPageModel
{
    [FromRoute(Name = "year")]
    public int Year { get; set; }

    [FromRoute(Name = "month")]
    public int Month { get; set; }

    [FromRoute(Name = "slug")]
    public string Slug { get; set; } = string.Empty;

    public ReadArticle.Model Article { get; private set; } = null!;

    /// <summary>Each embedded poll as it appears in the body: its form while open, its results once closed.</summary>
    public IReadOnlyDictionary<string, PollBlock> Polls { get; private set; } = new Dictionary<string, PollBlock>();

    /// <summary>The other languages the story is published in, in the configured order.</summary>
    public IReadOnlyList<(SiteLanguage Language, ReadArticle.Translation Article)> Translations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var article = await articles.HandleAsync(new ReadArticle.Query(Lang, Slug), cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        // The slug identifies the article; a wrong year or month in the address is corrected, not refused.
        if (!string.Equals(article.Path, Request.Path.Value, StringComparison.Ordinal))
        {
            return RedirectPermanent(article.Path);
        }

        Article = article;
        Translations = languages.All
            .Select(l => (Language: l, Article: article.Translations.FirstOrDefault(t => t.Language == l.Code)))
            .Where(p => p.Article is not null)
            .Select(p => (p.Language, p.Article!))
            .ToList();
        Head = new ReaderHead(
            article.Headline,
            article.Standfirst,
            article.Path,
            languages.All
                .Select(l => l.Code == Lang ? new Alternate(Lang, article.Path) : article.Translations.FirstOrDefault(t => t.Language == l.Code) is { } t ? new Alternate(t.Language, t.Path) : null)
                .OfType<Alternate>()
                .ToList());

        var polls = new Dictionary<string, PollBlock>();
        foreach (var (key, poll) in article.Polls)
        {
            polls[key] = poll.State == PollState.Open
                ? PollBlock.Form(poll, article.Path)
                : PollBlock.Form(poll, article.Path) with { Results = await pollResults.HandleAsync(poll, cancellationToken) };
        }

        Polls = polls;
        HttpContext.TagReaderCache(
            article.Authors.Select(a => ReaderCache.Author(a.Id))
                .Concat(article.Polls.Values.Select(p => ReaderCache.Poll(p.Id)))
                .Concat(polls.Values.Where(p => p.Results is not null).Select(p => ReaderCache.PollResults(p.Poll.Id)))
                .Append(ReaderCache.Story(article.StoryId)));
        AllowPublicCaching();
        return Page();
    }
}

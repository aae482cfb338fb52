using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// One sent edition as the archive shows it to a signed-in subscriber, in their language; a premium one only with a
/// grant to its newsletter.
/// </summary>
public static class ReadArchivedEdition
{
    public sealed record Query(int SubscriberId, int EditionId, string Language);

    public enum Access
    {
        Granted,

        /// <summary>No such sent edition (a draft, or one still sending, is not in the archive).</summary>
        NotFound,

        /// <summary>A premium edition, and the subscriber has no grant to its newsletter.</summary>
        Forbidden,
    }

    /// <summary>One edition as the archive shows it.</summary>
    /// <param name="Intro">Markdown, rendered by the page.</param>
    public sealed record Reading(Access Access, int Id, string Language, string Newsletter, string Subject, string Intro, DateTime SentAt, IReadOnlyList<Story> Stories);

    /// <param name="OnlyIn">The language the story is given in when it is not in the reader's.</param>
    public sealed record Story(EditionContent.Link Article, string? OnlyIn);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages)
    {
        public async Task<Reading> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (subscriberId, editionId, language) = query;
            var edition = await db.Editions.AsNoTracking()
                .Where(e => e.Id == editionId && e.Status == EditionStatus.Sent)
                .Select(e => new { e.NewsletterId, e.Newsletter.IsPremium, SentAt = e.FinishedAt ?? e.StartedAt ?? e.CreatedAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (edition is null)
            {
                return Refused(Access.NotFound, editionId, language);
            }

            if (edition.IsPremium && !(await ArchivedEditions.PremiumGrantsAsync(db, subscriberId, cancellationToken)).Contains(edition.NewsletterId))
            {
                return Refused(Access.Forbidden, editionId, language);
            }

            var content = (await EditionContent.LoadAsync(db, editionId, clock.UtcNow, cancellationToken))!;
            var lang = languages.Find(language) ?? languages.Default;
            var newsletter = content.NewsletterNames.GetValueOrDefault(lang.Code) ?? content.NewsletterNames.Values.FirstOrDefault() ?? content.NewsletterKey;
            var text = content.Texts.GetValueOrDefault(lang.Code) ?? content.Texts.Values.FirstOrDefault();
            var stories = content.Stories.Select(s =>
            {
                var article = s.In(lang.Code, languages);
                return new Story(article, article.Language == lang.Code ? null : article.Language);
            }).ToList();
            return new Reading(Access.Granted, editionId, lang.Code, newsletter, text?.Subject ?? newsletter, text?.Intro ?? string.Empty, edition.SentAt, stories);
        }

        private static Reading Refused(Access access, int id, string language) => new(access, id, language, string.Empty, string.Empty, string.Empty, default, []);
    }
}

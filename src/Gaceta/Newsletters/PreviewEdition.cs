using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Newsletters;

/// <summary>An edition's mail as readers of one language will get it, as HTML to preview.</summary>
public static class PreviewEdition
{
    public sealed record Query(int EditionId, string Language);

    public sealed class Handler(GacetaDb db, SiteClock clock, EditionMail mail)
    {
        /// <returns>The mail's HTML with its unsubscribe links inert; null when there is no such edition.</returns>
        public async Task<string?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var content = await EditionContent.LoadAsync(db, query.EditionId, clock.UtcNow, cancellationToken);
            return content is null
                ? null
                : mail.Render(content, query.Language).Html.Replace(EditionTemplate.UnsubscribeMarker, "#", StringComparison.Ordinal);
        }
    }
}

using System.Globalization;
using System.Text;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>A poll's votes as CSV, for the staff area's download.</summary>
public static class ExportVotes
{
    public sealed record Query(int PollId);

    public sealed class Handler(GacetaDb db, SiteLanguages languages)
    {
        /// <summary>
        /// Every vote as CSV: when (UTC), the answer, the page's language, whether an address was given. The address
        /// hash stays in the database: it is useless outside it and still personal data.
        /// </summary>
        /// <returns>Null when no poll has this id.</returns>
        public async Task<string?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var pollId = query.PollId;
            var poll = await db.Polls.WithOptionsAsync(pollId, cancellationToken);
            if (poll is null)
            {
                return null;
            }

            var answers = poll.Options.ToDictionary(o => o.Id, o => (o.Position + 1, o.Texts.Find(t => t.Language == languages.Default.Code)?.Text ?? string.Empty));
            var csv = new StringBuilder("vote_id,cast_at_utc,answer_number,answer,language,gave_email\r\n");
            await foreach (var vote in db.Votes.AsNoTracking().Where(v => v.PollId == pollId).OrderBy(v => v.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var (number, text) = answers[vote.OptionId];
                csv.Append(CultureInfo.InvariantCulture, $"{vote.Id},{vote.CastAt:yyyy-MM-dd'T'HH:mm:ss'Z'},{number},{Csv.Field(text)},{vote.Language},{(vote.EmailHash is null ? "no" : "yes")}\r\n");
            }

            return csv.ToString();
        }
    }
}

using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>One poll for editing in the staff area, with the current consent text in each language.</summary>
public static class ReadPollEditor
{
    public sealed record Query(int PollId);

    /// <summary>A poll as the editor form shows it.</summary>
    public sealed record Model(
        int Id,
        int Version,
        string Key,
        DateTime? OpensAt,
        DateTime? ClosesAt,
        int? NewsletterId,
        IReadOnlyDictionary<string, string> Questions,
        IReadOnlyList<EditPoll.OptionInput> Options,
        IReadOnlyDictionary<string, string> ConsentTexts,
        IReadOnlyDictionary<string, int> ConsentVersions);

    public sealed class Handler(GacetaDb db, SiteLanguages languages)
    {
        /// <returns>Null when no poll has this id.</returns>
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var poll = await db.Polls.AsNoTracking().Include(p => p.Options).Include(p => p.ConsentTexts).AsSplitQuery()
                .FirstOrDefaultAsync(p => p.Id == query.PollId, cancellationToken);
            if (poll is null)
            {
                return null;
            }

            var current = languages.All.Select(l => poll.ConsentTexts.Where(c => c.Language == l.Code).MaxBy(c => c.Version))
                .OfType<ConsentText>().ToList();
            return new Model(
                poll.Id,
                poll.Version,
                poll.Key,
                poll.OpensAt,
                poll.ClosesAt,
                poll.NewsletterId,
                poll.Questions.ToDictionary(q => q.Language, q => q.Text),
                poll.Options.OrderBy(o => o.Position)
                    .Select(o => new EditPoll.OptionInput(o.Id, o.Texts.ToDictionary(t => t.Language, t => (string?)t.Text)))
                    .ToList(),
                current.ToDictionary(c => c.Language, c => c.Text),
                current.ToDictionary(c => c.Language, c => c.Version));
        }
    }
}

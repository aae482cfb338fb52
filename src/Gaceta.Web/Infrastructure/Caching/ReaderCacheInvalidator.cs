using Gaceta.Articles;
using Gaceta.Changes;
using Microsoft.AspNetCore.OutputCaching;

namespace Gaceta.Web.Infrastructure.Caching;

/// <summary>
/// Evicts the cached reader pages a change affects, and no others. It hears every committed change through the
/// core's change feed; nothing else calls it.
/// </summary>
public sealed class ReaderCacheInvalidator(IOutputCacheStore store) : IChangeSubscriber
{
    public async Task OnCommittedAsync(Change change, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case StoryChanged story:
                await ChangedAsync(story.Pages, cancellationToken);
                break;
            case PollChanged poll:
                await PollChangedAsync(poll.PollId, cancellationToken);
                break;
            case VotesCounted votes:
                await store.EvictByTagAsync(ReaderCache.PollResults(votes.PollId), cancellationToken);
                break;
        }
    }

    /// <summary>
    /// A story was published, updated or unpublished: its article pages, the front pages, its section's and
    /// its authors' listings.
    /// </summary>
    public Task StoryChangedAsync(int storyId, int sectionId, IEnumerable<int> authorIds, CancellationToken cancellationToken) =>
        ChangedAsync(new ReaderChange(storyId, [sectionId], authorIds.ToList()), cancellationToken);

    /// <summary>The pages a newsroom change touches, in every language: see <see cref="ReaderChange"/>.</summary>
    public async Task ChangedAsync(ReaderChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var tags = new List<string> { ReaderCache.Story(change.StoryId), ReaderCache.FrontTag };
        tags.AddRange(change.SectionIds.Select(ReaderCache.SectionListing));
        tags.AddRange(change.AuthorIds.Select(ReaderCache.AuthorListing));
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }

    /// <summary>The poll was edited: its form and results pages.</summary>
    public ValueTask PollChangedAsync(int pollId, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(ReaderCache.Poll(pollId), cancellationToken);
}

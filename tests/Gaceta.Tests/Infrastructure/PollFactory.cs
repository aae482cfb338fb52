using Gaceta.Newsletters;
using Gaceta.Polls;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Infrastructure;

/// <summary>A poll made by a test, embedded in a story of its own in both languages.</summary>
/// <param name="FormToken">A form token for the poll, as a page rendered a minute before the host's clock shows.</param>
public sealed record CreatedPoll(int PollId, string Key, int? NewsletterId, IReadOnlyList<int> OptionIds, CreatedStory Story, Func<string> FormToken)
{
    public string PostPath(string language) => $"/{language}/polls/{Key}";

    public string ResultsPath(string language) => $"/{language}/polls/{Key}/results";
}

/// <summary>Creates polls with unique keys through the poll editor's use case, and the article that embeds them, as an editor would.</summary>
public sealed class PollFactory(GacetaApp app)
{
    public const string ConsentEn = "Send me the premium harbour newsletter free of charge. I can unsubscribe at any time.";
    public const string ConsentEs = "Quiero recibir gratis el boletín prémium del puerto. Puedo darme de baja cuando quiera.";

    public async Task<CreatedPoll> CreateAsync(bool withNewsletter = true, TimeSpan? closesIn = null, TimeSpan? opensIn = null)
    {
        var key = $"poll-{Guid.NewGuid():N}"[..20];
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // Newsletters have no use case of their own yet: the premium one is a row.
        var newsletterId = withNewsletter
            ? await app.WithDbAsync(async db =>
            {
                var newsletter = new Newsletter
                {
                    Key = $"premium-{key}",
                    IsPremium = true,
                    CreatedAt = now,
                    Names =
                    [
                        new NewsletterName { Language = "en", Name = "Harbour — premium" },
                        new NewsletterName { Language = "es", Name = "Puerto — prémium" },
                    ],
                };
                db.Newsletters.Add(newsletter);
                await db.SaveChangesAsync();
                return (int?)newsletter.Id;
            })
            : null;
        var saved = await app.SendAsync<EditPoll.Handler, EditPoll.Result>(h => h.HandleAsync(
            new EditPoll.Command(
                null,
                0,
                key,
                opensIn is { } opens ? now + opens : null,
                closesIn is { } closes ? now + closes : null,
                newsletterId,
                new Dictionary<string, string?> { ["en"] = "Should the ferry run at night?", ["es"] = "¿Debe el ferri navegar de noche?" },
                [
                    new EditPoll.OptionInput(null, new Dictionary<string, string?> { ["en"] = "Yes", ["es"] = "Sí" }),
                    new EditPoll.OptionInput(null, new Dictionary<string, string?> { ["en"] = "No", ["es"] = "No" }),
                ],
                withNewsletter ? new Dictionary<string, string?> { ["en"] = ConsentEn, ["es"] = ConsentEs } : new Dictionary<string, string?>(),
                StoryFactory.Desk),
            CancellationToken.None));
        Assert.True(saved.Outcome == EditPoll.Outcome.Saved, $"The poll factory's poll was not saved: {saved.Outcome} {string.Join("; ", saved.Errors.Values)}");
        var pollId = saved.PollId;
        var options = await app.WithDbAsync(db => db.Set<PollOption>().Where(o => o.PollId == pollId).OrderBy(o => o.Position).Select(o => o.Id).ToListAsync());

        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new("Night ferries proposed", "The port authority wants boats to run after midnight.", $"The plan was unveiled on Monday.\n\n{{{{poll:{key}}}}}\n\nA decision is due in spring."),
            ["es"] = new("Proponen ferris nocturnos", "La autoridad portuaria quiere barcos después de medianoche.", $"El plan se presentó el lunes.\n\n{{{{poll:{key}}}}}\n\nLa decisión llegará en primavera."),
        });
        var tokens = app.Services.GetRequiredService<VoteFormTokens>();
        return new CreatedPoll(pollId, key, newsletterId, options, story, () => tokens.Issue(pollId, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1)));
    }

    /// <summary>Votes stored for the poll, straight from the table.</summary>
    public Task<int> StoredVotesAsync(int pollId) => app.WithDbAsync(db => db.Votes.CountAsync(v => v.PollId == pollId));

    public Task<int> SpamCountAsync(int pollId) => app.WithDbAsync(db => db.Polls.Where(p => p.Id == pollId).Select(p => p.SpamCount).SingleAsync());
}

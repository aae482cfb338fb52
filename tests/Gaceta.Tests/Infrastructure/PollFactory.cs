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

/// <summary>Creates polls with unique keys, and the article that embeds them, as an editor would.</summary>
public sealed class PollFactory(GacetaApp app)
{
    public const string ConsentEn = "Send me the premium harbour newsletter free of charge. I can unsubscribe at any time.";
    public const string ConsentEs = "Quiero recibir gratis el boletín prémium del puerto. Puedo darme de baja cuando quiera.";

    public async Task<CreatedPoll> CreateAsync(bool withNewsletter = true, TimeSpan? closesIn = null, TimeSpan? opensIn = null)
    {
        var key = $"poll-{Guid.NewGuid():N}"[..20];
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (pollId, newsletterId, options) = await app.WithDbAsync(async db =>
        {
            var newsletter = withNewsletter
                ? new Newsletter
                {
                    Key = $"premium-{key}",
                    IsPremium = true,
                    CreatedAt = now,
                    Names =
                    [
                        new NewsletterName { Language = "en", Name = "Harbour — premium" },
                        new NewsletterName { Language = "es", Name = "Puerto — prémium" },
                    ],
                }
                : null;
            var poll = new Poll
            {
                Key = key,
                Newsletter = newsletter,
                CreatedAt = now,
                OpensAt = opensIn is { } opens ? now + opens : null,
                ClosesAt = closesIn is { } closes ? now + closes : null,
                Questions =
                [
                    new PollQuestion { Language = "en", Text = "Should the ferry run at night?" },
                    new PollQuestion { Language = "es", Text = "¿Debe el ferri navegar de noche?" },
                ],
                Options =
                [
                    new PollOption { Position = 0, Texts = [new() { Language = "en", Text = "Yes" }, new() { Language = "es", Text = "Sí" }] },
                    new PollOption { Position = 1, Texts = [new() { Language = "en", Text = "No" }, new() { Language = "es", Text = "No" }] },
                ],
                ConsentTexts = withNewsletter
                    ?
                    [
                        new ConsentText { Language = "en", Version = 1, Text = ConsentEn, CreatedAt = now },
                        new ConsentText { Language = "es", Version = 1, Text = ConsentEs, CreatedAt = now },
                    ]
                    : [],
            };
            db.Polls.Add(poll);
            await db.SaveChangesAsync();
            return (poll.Id, newsletter?.Id, poll.Options.OrderBy(o => o.Position).Select(o => o.Id).ToList());
        });

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

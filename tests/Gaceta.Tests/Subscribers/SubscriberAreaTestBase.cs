using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Subscribers;

/// <summary>
/// What the sign-in and account tests share: subscribers of their own, and signing in as one by the emailed link
/// (asked for from a client address of its own, the mailed link pressed).
/// </summary>
public abstract partial class SubscriberAreaTestBase
{
    /// <summary>The application under test, which each deriving test class is given.</summary>
    private protected abstract GacetaApp App { get; }

    private protected sealed record CreatedSubscriber(int Id, string Email);

    [GeneratedRegex(@"https://gaceta\.test/newsletters/sign-in/[A-Za-z0-9_\-\.]+")]
    private protected static partial Regex LinkPattern();

    /// <summary>A client address of its own, so one test's mails never use up another's per-client allowance.</summary>
    private protected static string NewClientAddress() =>
        string.Create(CultureInfo.InvariantCulture, $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}");

    private protected static async Task<string> AskForLinkAsync(HttpClient client, string email, string language, string clientAddress)
    {
        using var response = await client.PostFormAsync($"/{language}/newsletters/sign-in", [new("email", email), new("website", string.Empty)], clientAddress: clientAddress);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text();
    }

    private protected async Task<string> MailedLinkAsync(HttpClient client, string email, string language)
    {
        var before = App.Smtp.To(email).Count;
        await AskForLinkAsync(client, email, language, NewClientAddress());
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (App.Smtp.To(email).Count <= before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var mail = App.Smtp.To(email)[^1];
        return new Uri(LinkPattern().Match(mail.TextBody!).Value).AbsolutePath;
    }

    private protected async Task<HttpClient> SignedInAsync(CreatedSubscriber subscriber, string language)
    {
        var browser = App.CreateReader();
        var link = await MailedLinkAsync(browser, subscriber.Email, language);
        using var pressed = await browser.PostFormAsync(link, []);
        Assert.Equal(HttpStatusCode.SeeOther, pressed.StatusCode);
        return browser;
    }

    private protected Task<CreatedSubscriber> CreateSubscriberAsync(string language) => App.WithDbAsync(async db =>
    {
        var subscriber = new Subscriber
        {
            Email = $"account-{Guid.NewGuid():N}@example.org",
            Language = language,
            CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
        };
        db.Subscribers.Add(subscriber);
        await db.SaveChangesAsync();
        return new CreatedSubscriber(subscriber.Id, subscriber.Email);
    });
}

using MimeKit;

namespace Gaceta.Subscribers;

/// <summary>Writes the mails of the subscription flow in the subscriber's language. The web host implements it.</summary>
public interface ISubscriptionMails
{
    MimeMessage Confirmation(ConfirmationMail mail);

    MimeMessage SignIn(SignInMail mail);

    MimeMessage AlreadySubscribed(AlreadySubscribedMail mail);
}

/// <param name="Email">The normalized address.</param>
/// <param name="Language">The subscriber's language.</param>
/// <param name="NewsletterNames">The newsletter's name in each language.</param>
/// <param name="ConfirmToken">Token of the confirmation link.</param>
/// <param name="UnsubscribeToken">Token of the unsubscribe link and headers.</param>
public sealed record ConfirmationMail(
    string Email,
    string Language,
    IReadOnlyDictionary<string, string> NewsletterNames,
    string ConfirmToken,
    string UnsubscribeToken);

/// <summary>Someone asked again for a newsletter this address already receives: only its owner is told.</summary>
/// <param name="Email">The canonical address.</param>
/// <param name="Language">The subscriber's language.</param>
/// <param name="NewsletterNames">The newsletter's name in each language.</param>
/// <param name="UnsubscribeToken">Token of the unsubscribe link and headers.</param>
public sealed record AlreadySubscribedMail(
    string Email,
    string Language,
    IReadOnlyDictionary<string, string> NewsletterNames,
    string UnsubscribeToken);

/// <param name="Email">The normalized address.</param>
/// <param name="Language">The subscriber's language.</param>
/// <param name="Token">Token of the sign-in link.</param>
/// <param name="ValidMinutes">How long the link works.</param>
public sealed record SignInMail(string Email, string Language, string Token, int ValidMinutes);

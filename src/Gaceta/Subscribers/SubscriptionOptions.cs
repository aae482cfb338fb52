using System.ComponentModel.DataAnnotations;

namespace Gaceta.Subscribers;

/// <summary>Double opt-in and its limits. Bound from <c>Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>How long a confirmation link works.</summary>
    [Range(1, 90)]
    public int ConfirmationLinkDays { get; set; } = 7;

    /// <summary>An address is sent at most one confirmation mail in this many minutes.</summary>
    [Range(0, 1440)]
    public int ConfirmationCooldownMinutes { get; set; } = 10;

    /// <summary>One client (IP address) may cause at most this many confirmation mails an hour.</summary>
    [Range(1, 10_000)]
    public int ConfirmationsPerClientPerHour { get; set; } = 5;

    /// <summary>How long an emailed sign-in link works. Each link works once.</summary>
    [Range(5, 1440)]
    public int SignInLinkMinutes { get; set; } = 60;

    /// <summary>An address is sent at most one sign-in link in this many minutes while the last one is unused.</summary>
    [Range(0, 1440)]
    public int SignInCooldownMinutes { get; set; } = 2;

    /// <summary>How long a subscriber stays signed in on one browser without coming back.</summary>
    [Range(1, 365)]
    public int SessionDays { get; set; } = 30;
}

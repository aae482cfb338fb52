namespace Gaceta.Audit;

/// <summary>One staff action: who did what to which thing, and when. Never changed once written.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>The staff member's account id; null for the command line and for background work.</summary>
    public string? ActorId { get; set; }

    /// <summary>The staff member's name at the time, kept even if the account is later removed.</summary>
    public required string ActorName { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on, in words: "story 12 (en)", "ana@example.org (Editor)".</summary>
    public required string Subject { get; set; }
}

/// <summary>A staff member acting: who, for the audit log and revisions, and in which role, for permissions.</summary>
public sealed record Actor(string Id, string Name, string Role);

/// <summary>The actions the audit log records.</summary>
public static class AuditActions
{
    public const string SignedIn = "signed-in";
    public const string SignedOut = "signed-out";
    public const string SignInFailed = "sign-in-failed";
    public const string StaffAdded = "staff-added";
    public const string StaffRoleChanged = "staff-role-changed";
    public const string StaffLockedOut = "staff-locked-out";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string TwoFactorReset = "two-factor-reset";
    public const string RecoveryCodesRenewed = "recovery-codes-renewed";
    public const string StaffDisabled = "staff-disabled";
    public const string StaffEnabled = "staff-enabled";
    public const string StoryCreated = "story-created";
    public const string ArticleSaved = "article-saved";
    public const string ArticlePublished = "article-published";
    public const string ArticleScheduled = "article-scheduled";
    public const string ArticleUnpublished = "article-unpublished";
    public const string TranslationCreated = "translation-created";
    public const string TranslationMarkedUpToDate = "translation-marked-up-to-date";
    public const string CorrectionAdded = "correction-added";
    public const string PollCreated = "poll-created";
    public const string PollUpdated = "poll-updated";
    public const string PollVotesExported = "poll-votes-exported";
    public const string SubscribersImported = "subscribers-imported";
    public const string SubscribersExported = "subscribers-exported";
    public const string SubscriberDataExported = "subscriber-data-exported";
    public const string SubscriberErased = "subscriber-erased";
    public const string SubscriberAccessChanged = "subscriber-access-changed";
    public const string EditionStarted = "edition-started";
    public const string EditionCreated = "edition-created";
    public const string EditionUpdated = "edition-updated";
    public const string EditionTestSent = "edition-test-sent";
    public const string ApiKeyCreated = "api-key-created";
    public const string ApiKeyRevoked = "api-key-revoked";
    public const string WireImported = "wire-imported";
    public const string ArticleImported = "article-imported";
    public const string RedirectAdded = "redirect-added";
    public const string RedirectRemoved = "redirect-removed";
    public const string MediaUploaded = "media-uploaded";
    public const string MediaEdited = "media-edited";
    public const string MediaDeleted = "media-deleted";
}

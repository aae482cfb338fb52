using Gaceta.Site;

namespace Gaceta.Importing.Members;

/// <summary>
/// Mailchimp's audience export: a zip of one CSV per status (subscribed, unsubscribed, cleaned), each with
/// <c>Email Address</c>, the audience's merge fields, <c>OPTIN_TIME</c>, <c>OPTIN_IP</c>, <c>CONFIRM_TIME</c>,
/// <c>CONFIRM_IP</c> and, by status, <c>UNSUB_TIME</c> or <c>CLEAN_TIME</c>. Which status a file holds is read from
/// those columns, so the files may be given in any order and under any name.
/// </summary>
public static class MailchimpExport
{
    public const string EmailColumn = "Email Address";

    /// <param name="languageColumn">The merge field that holds each member's language, when the audience has one.</param>
    public static MemberFile Read(string name, byte[] content, SiteLanguages languages, string? languageColumn)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var csv = MemberCsv.Read(name, content, out var error);
        if (error is not null)
        {
            return MemberFile.Failed(name, error);
        }

        if (!csv.Has(EmailColumn))
        {
            return MemberFile.Failed(name, $"{name} is not a Mailchimp audience export: it has no \"{EmailColumn}\" column (its columns: {csv.Describe()}).");
        }

        // A column named for the language is read without being asked; one named otherwise is given by the operator.
        var language = languageColumn ?? (csv.Has("Language") ? "Language" : null);
        if (language is not null && !csv.Has(language))
        {
            return MemberFile.Failed(name, $"{name} has no column named \"{language}\" for the members' language (its columns: {csv.Describe()}).");
        }

        var state = csv.Has("CLEAN_TIME") ? MemberState.Cleaned : csv.Has("UNSUB_TIME") ? MemberState.Unsubscribed : MemberState.Subscribed;
        var members = new List<MemberRecord>();
        var invalid = new List<ImportedEntry>();
        foreach (var row in csv.AlignedRows(name, invalid))
        {
            var notes = new List<string>();
            var written = language is null ? string.Empty : csv.Get(row, language);
            var code = MemberCsv.Language(written, languages);
            if (written.Length > 0 && code is null)
            {
                notes.Add($"Language \"{written[..Math.Min(written.Length, 40)]}\" is not one of the site's: the site's first language is used.");
            }

            var left = state switch
            {
                MemberState.Unsubscribed => MemberCsv.Time(csv.Get(row, "UNSUB_TIME"), "UNSUB_TIME", notes),
                MemberState.Cleaned => MemberCsv.Time(csv.Get(row, "CLEAN_TIME"), "CLEAN_TIME", notes),
                _ => null,
            };
            var optInIp = csv.Get(row, "OPTIN_IP");
            var confirmIp = csv.Get(row, "CONFIRM_IP");
            members.Add(new MemberRecord(
                name,
                row.Line,
                csv.Get(row, EmailColumn),
                state,
                MemberCsv.Time(csv.Get(row, "OPTIN_TIME"), "OPTIN_TIME", notes),
                optInIp.Length > 0 && optInIp != "null" ? optInIp : confirmIp.Length > 0 && confirmIp != "null" ? confirmIp : null,
                MemberCsv.Time(csv.Get(row, "CONFIRM_TIME"), "CONFIRM_TIME", notes),
                left,
                code,
                notes));
        }

        return new MemberFile(name, members, invalid, null);
    }
}

/// <summary>
/// Ghost's members export (Members → Export): <c>email</c>, <c>subscribed_to_emails</c>, <c>created_at</c> and
/// more. Ghost does not export how a member proved their address, so its subscribed members arrive unproven.
/// </summary>
public static class GhostMembersExport
{
    public static MemberFile Read(string name, byte[] content)
    {
        var csv = MemberCsv.Read(name, content, out var error);
        if (error is not null)
        {
            return MemberFile.Failed(name, error);
        }

        if (!csv.Has("email") || !csv.Has("subscribed_to_emails"))
        {
            return MemberFile.Failed(name, $"{name} is not a Ghost members export: it needs the columns \"email\" and \"subscribed_to_emails\" (its columns: {csv.Describe()}).");
        }

        var members = new List<MemberRecord>();
        var invalid = new List<ImportedEntry>();
        foreach (var row in csv.AlignedRows(name, invalid))
        {
            if (csv.Get(row, "deleted_at").Length > 0)
            {
                continue;
            }

            var notes = new List<string>();
            var subscribed = csv.Get(row, "subscribed_to_emails").ToLowerInvariant() is "true" or "1" or "yes";
            members.Add(new MemberRecord(
                name,
                row.Line,
                csv.Get(row, "email"),
                subscribed ? MemberState.Subscribed : MemberState.Unsubscribed,
                MemberCsv.Time(csv.Get(row, "created_at"), "created_at", notes),
                null,
                null,
                null,
                null,
                notes));
        }

        return new MemberFile(name, members, invalid, null);
    }
}

using System.Globalization;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Imports subscribers from CSV. Every row is checked first: one bad row and nothing is imported, with every bad
/// row reported by its line. An import never confirms anyone: each new subscription is pending and its address
/// gets the usual confirmation mail; the consent record says where the consent came from.
/// </summary>
public static class ImportSubscribers
{
    /// <summary>The columns, in any order; <c>consented_at</c> may be left out.</summary>
    public static readonly IReadOnlyList<string> Columns = ["email", "language", "newsletter", "consent_source", "consented_at"];

    /// <param name="FileName">The uploaded file's name, recorded with each consent.</param>
    public sealed record Command(string Csv, string FileName, Actor Actor);

    /// <summary>A rejected row: its line in the file, what is wrong (one of <see cref="ImportErrors"/>) and the value at fault.</summary>
    public sealed record RowError(int Line, string Message, string Value);

    /// <param name="Imported">New subscriptions, now waiting for confirmation.</param>
    /// <param name="AlreadySubscribed">Rows whose address was already on the newsletter: left as they were.</param>
    public sealed record Result(int Imported, int AlreadySubscribed, IReadOnlyList<RowError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    private sealed record Row(int Line, string Email, string Language, Newsletters.Newsletter Newsletter, string Source);

    public sealed class Handler(GacetaDb db, SiteLanguages languages, FindSubscriber.Handler subscribers, RequestSubscription.Handler subscriptions, MailOutbox outbox, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            IReadOnlyList<Csv.Record> records;
            try
            {
                records = Csv.Parse(command.Csv);
            }
            catch (FormatException)
            {
                return Failed(new RowError(0, ImportErrors.Unreadable, string.Empty));
            }

            if (records.Count == 0)
            {
                return Failed(new RowError(1, ImportErrors.Empty, string.Empty));
            }

            var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
            var missing = Columns.Where(c => c != "consented_at" && !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return Failed(new RowError(records[0].Line, ImportErrors.MissingColumns, string.Join(", ", missing)));
            }

            var newsletters = await db.Newsletters.AsNoTracking().ToDictionaryAsync(n => n.Key, StringComparer.Ordinal, cancellationToken);
            var (rows, errors) = Check(records.Skip(1), header, newsletters);
            if (errors.Count > 0)
            {
                return new Result(0, 0, errors);
            }

            var fileName = command.FileName.Length > 200 ? command.FileName[..200] : command.FileName;
            var imported = 0;
            var already = 0;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                foreach (var row in rows)
                {
                    var existing = await subscribers.HandleAsync(new FindSubscriber.Query(row.Email), cancellationToken);
                    if (existing?.Subscriptions.Find(s => s.NewsletterId == row.Newsletter.Id) is { Status: not SubscriptionStatus.Unsubscribed })
                    {
                        already++;
                        continue;
                    }

                    await subscriptions.HandleAsync(
                        new RequestSubscription.Command(
                            row.Email,
                            row.Language,
                            row.Newsletter.Id,
                            row.Newsletter.Names.ToDictionary(n => n.Language, n => n.Name),
                            row.Newsletter.IsPremium ? AccessGrant.Complimentary : AccessGrant.Free,
                            SubscriptionSource.Import,
                            null,
                            row.Source,
                            0,
                            $"import:{fileName}#line-{row.Line.ToString(CultureInfo.InvariantCulture)}",
                            string.Empty,
                            null,
                            existing),
                        cancellationToken);
                    imported++;
                    // Each row is written by now; forgetting it keeps every save as cheap as the first.
                    db.ChangeTracker.Clear();
                }

                audit.Add(command.Actor, AuditActions.SubscribersImported, $"{imported} from {fileName} ({already} already subscribed)");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Notify();
            return new Result(imported, already, []);
        }

        private (List<Row> Rows, List<RowError> Errors) Check(IEnumerable<Csv.Record> records, List<string> header, Dictionary<string, Newsletters.Newsletter> newsletters)
        {
            var rows = new List<Row>();
            var errors = new List<RowError>();
            var seen = new HashSet<(string, int)>();
            foreach (var record in records)
            {
                string Get(string column) => header.IndexOf(column) is var i and >= 0 && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;
                var before = errors.Count;
                if (record.Fields.Count != header.Count)
                {
                    errors.Add(new RowError(record.Line, ImportErrors.ColumnCount, string.Join(",", record.Fields)));
                    continue;
                }

                var written = Get("email");
                // The same check as a reader's own form: an import never holds addresses a reader could not have typed.
                var email = EmailAddress.Canonicalize(written) ?? string.Empty;
                if (email.Length == 0)
                {
                    errors.Add(new RowError(record.Line, ImportErrors.Email, written));
                }

                var language = Get("language").ToLowerInvariant();
                if (!languages.IsSupported(language))
                {
                    errors.Add(new RowError(record.Line, ImportErrors.Language, language));
                }

                var newsletter = newsletters.GetValueOrDefault(Get("newsletter"));
                if (newsletter is null)
                {
                    errors.Add(new RowError(record.Line, ImportErrors.Newsletter, Get("newsletter")));
                }

                var consentedAt = Get("consented_at");
                if (consentedAt.Length > 0 && !DateOnly.TryParseExact(consentedAt, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add(new RowError(record.Line, ImportErrors.ConsentedAt, consentedAt));
                }

                var source = Get("consent_source");
                if (source.Length is 0 or > 1000)
                {
                    errors.Add(new RowError(record.Line, ImportErrors.ConsentSource, source));
                }

                if (newsletter is not null && errors.Count == before && !seen.Add((email, newsletter.Id)))
                {
                    errors.Add(new RowError(record.Line, ImportErrors.Duplicate, written));
                }

                if (errors.Count == before)
                {
                    rows.Add(new Row(record.Line, email, language, newsletter!, consentedAt.Length > 0 ? $"{source} ({consentedAt})" : source));
                }
            }

            return (rows, errors);
        }

        private static Result Failed(RowError error) => new(0, 0, [error]);
    }
}

/// <summary>What the import says about a bad file or row, in English; the staff area translates each.</summary>
public static class ImportErrors
{
    public const string Unreadable = "The file is not valid CSV: a quoted field is never closed.";
    public const string Empty = "The file is empty.";
    public const string MissingColumns = "The first line must name the columns; missing:";
    public const string ColumnCount = "This row does not have as many fields as the header.";
    public const string Email = "Not an email address:";
    public const string Language = "Not one of the site's languages:";
    public const string Newsletter = "No newsletter has this key:";
    public const string ConsentSource = "Say where this person's consent came from (consent_source, 1,000 characters at most).";
    public const string ConsentedAt = "Give consented_at as a date such as 2026-10-03:";
    public const string Duplicate = "The same address and newsletter appear earlier in the file:";
}

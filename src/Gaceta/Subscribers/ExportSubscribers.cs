using System.Globalization;
using System.Text;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Subscribers;

/// <summary>The filtered subscribers, one line per subscription, with where their consent came from.</summary>
public static class ExportSubscribers
{
    public sealed record Query(SubscriberRows.Filter Filter, Actor Actor);

    public sealed class Handler(GacetaDb db, AuditLog audit)
    {
        /// <returns>The CSV text.</returns>
        public async Task<string> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var filter = query.Filter;
            ArgumentNullException.ThrowIfNull(filter);
            var rows = await SubscriberRows.ToRows(SubscriberRows.Filtered(db.Subscribers, filter).OrderBy(s => s.Id), cancellationToken);
            var csv = new StringBuilder("email,language,newsletter,status,grant,source,subscribed_at_utc,confirmed_at_utc,unsubscribed_at_utc\r\n");
            foreach (var row in rows)
            {
                foreach (var s in row.Subscriptions.Where(s => filter.Newsletter is null || s.Newsletter == filter.Newsletter))
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{Csv.Field(row.Email)},{row.Language},{Csv.Field(s.Newsletter)},{s.Status},{s.Grant},{s.Source},{Iso(s.CreatedAt)},{Iso(s.ConfirmedAt)},{Iso(s.UnsubscribedAt)}\r\n");
                }
            }

            await audit.RecordAsync(query.Actor, AuditActions.SubscribersExported, $"{rows.Count} subscribers", cancellationToken);
            return csv.ToString();
        }

        private static string Iso(DateTime? utc) =>
            utc is { } at ? IsoDates.Of(at) : string.Empty;
    }
}

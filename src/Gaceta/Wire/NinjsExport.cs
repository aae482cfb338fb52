using System.Globalization;
using System.Text.Json.Nodes;
using Gaceta.Api;
using Gaceta.Site;

namespace Gaceta.Wire;

/// <summary>A published article as an IPTC ninjs 2.0 item, for partners who take Gaceta's stories as a feed.</summary>
public static class NinjsExport
{
    public const string MediaType = "application/ninjs+json";

    public static JsonObject From(ApiViews.ArticleView article, string publisher)
    {
        ArgumentNullException.ThrowIfNull(article);
        var item = new JsonObject
        {
            ["uri"] = article.Url,
            ["version"] = article.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture),
            ["type"] = "text",
            ["language"] = article.Language,
            ["firstcreated"] = IsoDates.Of(article.PublishedAt),
            ["versioncreated"] = IsoDates.Of(article.UpdatedAt),
            ["pubstatus"] = "usable",
            ["headlines"] = new JsonArray(new JsonObject { ["role"] = "main", ["value"] = article.Headline }),
            ["descriptions"] = new JsonArray(new JsonObject { ["role"] = "summary", ["contenttype"] = "text/plain", ["value"] = article.Standfirst }),
            ["bodies"] = new JsonArray(new JsonObject { ["role"] = "main", ["contenttype"] = "text/html", ["value"] = article.BodyHtml ?? string.Empty }),
            ["copyrightholder"] = article.WireCredit ?? publisher,
        };
        if (article.Authors.Count > 0)
        {
            item["by"] = string.Join(", ", article.Authors);
        }

        if (article.Section is { } section)
        {
            item["subjects"] = new JsonArray(new JsonObject { ["name"] = section.Name, ["uri"] = section.Url });
        }

        return item;
    }
}

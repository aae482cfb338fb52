using Microsoft.Extensions.Localization;

namespace Gaceta.Web.Features.Admin.Imports;

/// <summary>The systems imports come from, as editors know them.</summary>
internal static class ImportSourceNames
{
    public static string Of(string source, IStringLocalizer<SharedResource> text) => source switch
    {
        "wordpress" => "WordPress",
        "ghost" => "Ghost",
        "ghost-members" => text["Ghost members"],
        "mailchimp" => "Mailchimp",
        _ => source,
    };
}

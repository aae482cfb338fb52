using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Gaceta.Web.Infrastructure.Localization;

/// <summary>
/// Interface text in a language other than the page's, such as "Leer en español" on an English page:
/// an invitation is written in the language it invites to.
/// </summary>
public sealed class InterfaceText(IStringLocalizer<SharedResource> localizer)
{
    public string In(CultureInfo culture, string key)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return localizer[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

using Gaceta.Media;
using Gaceta.Site;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Media;

/// <summary>What the upload form and a photo's page both post: the credit, and the texts in every language.</summary>
public abstract class MediaFormModel : AdminPageModel
{
    [BindProperty]
    public string? Credit { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Alt { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Caption { get; set; } = [];

    public string? Error { get; protected set; }

    /// <summary>The posted texts, one entry per site language.</summary>
    protected IReadOnlyDictionary<string, UploadMedia.TextInput> Texts(SiteLanguages languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        return languages.All.ToDictionary(l => l.Code, l => new UploadMedia.TextInput(Alt.GetValueOrDefault(l.Code), Caption.GetValueOrDefault(l.Code)));
    }
}

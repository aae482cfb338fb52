using System.Globalization;
using Gaceta.Media;
using Gaceta.Site;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Media;

/// <summary>
/// One library photo at <c>/admin/media/{id}</c>: its texts in every language, credit and focal point, the stories
/// that show it, and removal (refused while a story shows it).
/// </summary>
public sealed class ItemModel(ReadMediaItem.Handler read, EditMedia.Handler edit, DeleteMedia.Handler delete, SiteLanguages languages) : MediaFormModel
{
    public const string Saved = "The photo's details are saved.";
    public const string Deleted = "The photo is removed from the library.";
    public const string InUse = "The photo is shown by these stories, so it stays. Choose another photo in them first:";

    [FromRoute]
    public int Id { get; set; }

    /// <summary>Percent across and down, as the form shows them.</summary>
    [BindProperty]
    public double? FocalX { get; set; }

    [BindProperty]
    public double? FocalY { get; set; }

    public ReadMediaItem.Model Item { get; private set; } = null!;

    public IReadOnlyList<ListMediaUses.Use> Blocking { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Credit = Item.Credit;
        Alt = Item.Texts.ToDictionary(t => t.Key, t => t.Value.Alt);
        Caption = Item.Texts.ToDictionary(t => t.Key, t => t.Value.Caption);
        FocalX = Item.FocalX * 100;
        FocalY = Item.FocalY * 100;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await edit.HandleAsync(new EditMedia.Command(Id, Credit, Texts(languages), FocalX / 100, FocalY / 100, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case EditMedia.Outcome.Saved:
                Notify(Saved);
                return Redirect($"/admin/media/{Id.ToString(CultureInfo.InvariantCulture)}");
            case EditMedia.Outcome.NotFound:
                return NotFound();
            case EditMedia.Outcome.Forbidden:
                return Forbid();
            default:
                Error = result.Error;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                await LoadAsync(cancellationToken);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var result = await delete.HandleAsync(new DeleteMedia.Command(Id, Language, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case DeleteMedia.Outcome.Deleted:
                Notify(Deleted);
                return Redirect("/admin/media");
            case DeleteMedia.Outcome.NotFound:
                return NotFound();
            case DeleteMedia.Outcome.Forbidden:
                return Forbid();
            default:
                Blocking = result.UsedBy;
                Response.StatusCode = StatusCodes.Status409Conflict;
                await OnGetAsync(cancellationToken);
                return Page();
        }
    }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var item = await read.HandleAsync(new ReadMediaItem.Query(Id, Language), cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        return true;
    }
}

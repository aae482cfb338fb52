using System.Globalization;
using Gaceta.Media;
using Gaceta.Site;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Media;

/// <summary>
/// The photo library at <c>/admin/media</c>: upload with a plain form (alternative text and caption in every
/// language, a credit), and the library newest first, searchable.
/// </summary>
[RequestSizeLimit(UploadRequests.MaximumBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadRequests.MaximumBytes)]
public sealed class IndexModel(UploadMedia.Handler upload, ListMedia.Handler list, SiteLanguages languages) : MediaFormModel
{
    public const string Uploaded = "The photo is in the library.";
    public const string AlreadyThere = "That photo is already in the library.";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListMedia.Model Library { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        UploadMedia.Result result;
        await using (var content = file?.OpenReadStream() ?? Stream.Null)
        {
            result = await upload.HandleAsync(new UploadMedia.Command(file?.FileName, content, Credit, Texts(languages), Actor), cancellationToken);
        }

        switch (result.Outcome)
        {
            case UploadMedia.Outcome.Saved:
                Notify(Uploaded);
                return Redirect("/admin/media");
            case UploadMedia.Outcome.AlreadyThere:
                Notify(AlreadyThere);
                return Redirect("/admin/media");
            case UploadMedia.Outcome.Forbidden:
                return Forbid();
            default:
                Error = result.Error;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                await LoadAsync(cancellationToken);
                return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Library = await list.HandleAsync(new ListMedia.Query(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Search, PageNumber), cancellationToken);
}

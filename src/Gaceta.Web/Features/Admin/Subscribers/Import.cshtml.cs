using Gaceta.Subscribers;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Subscribers;

/// <summary>CSV import at <c>/admin/subscribers/import</c>: all rows or none, bad rows reported by line.</summary>
[RequestSizeLimit(MaximumBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaximumBytes + (64 * 1024))]
public sealed class ImportModel(ImportSubscribers.Handler import) : AdminPageModel
{
    /// <summary>Uploads larger than this are refused before reading.</summary>
    public const long MaximumBytes = 10 * 1024 * 1024;

    public const string NoFile = "Choose a CSV file to import.";
    public const string TooLarge = "The file is too large (10 MB at most).";

    public ImportSubscribers.Result? Result { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Error = NoFile;
        }
        else if (file.Length > MaximumBytes)
        {
            Error = TooLarge;
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        using var reader = new StreamReader(file!.OpenReadStream());
        var csv = await reader.ReadToEndAsync(cancellationToken);
        Result = await import.HandleAsync(new ImportSubscribers.Command(csv, Path.GetFileName(file.FileName), Actor), cancellationToken);
        if (!Result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}

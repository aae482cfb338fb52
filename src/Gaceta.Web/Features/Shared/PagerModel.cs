using System.Globalization;

namespace Gaceta.Web.Features.Shared;

/// <summary>Links between the pages of a listing; page 1 is the listing's own address, without a query.</summary>
public sealed record PagerModel(string BasePath, int Number, int TotalPages)
{
    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < TotalPages;

    public string PathFor(int page) =>
        page <= 1 ? BasePath : $"{BasePath}?page={page.ToString(CultureInfo.InvariantCulture)}";
}

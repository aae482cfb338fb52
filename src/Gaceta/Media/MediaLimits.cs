using Gaceta.Articles;

namespace Gaceta.Media;

/// <summary>How long a library item's fields may be, for the model, the validation and the messages alike.</summary>
public static class MediaLimits
{
    public const int FileName = 200;
    public const int Credit = ArticleLimits.ImageCredit;
    public const int Alt = ArticleLimits.ImageAlt;
    public const int Caption = 1000;
}

namespace Gaceta.Web.Features.Admin.Media;

/// <summary>How large a request that carries a photo may be: the library's upload form and the story editor's.</summary>
public static class UploadRequests
{
    /// <summary>
    /// The most <c>Media:MaxUploadMegabytes</c> may allow, and a little for the form's other fields; the configured
    /// limit itself is applied while the photo is read.
    /// </summary>
    public const long MaximumBytes = (200L * 1024 * 1024) + (256 * 1024);
}

using System.Text;

namespace Gaceta.Media;

/// <summary>Tells an upload's format from its first bytes, whatever its name says.</summary>
public static class ImageSniffer
{
    /// <summary>Enough bytes to recognise every allowed format.</summary>
    public const int HeaderLength = 32;

    public static ImageFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }

        // ISO BMFF: a "ftyp" box whose major or a compatible brand is AVIF (HEIC and other HEIF brands are refused).
        if (head.Length >= 16 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var boxLength = Math.Min(head.Length, (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]);
            for (var at = 8; at + 4 <= boxLength; at += at == 8 ? 8 : 4)
            {
                if (head[at..(at + 4)].SequenceEqual("avif"u8) || head[at..(at + 4)].SequenceEqual("avis"u8))
                {
                    return ImageFormat.Avif;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the bytes look like markup (an SVG, an HTML page renamed), for a clearer refusal.</summary>
    public static bool LooksLikeMarkup(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<');
    }
}

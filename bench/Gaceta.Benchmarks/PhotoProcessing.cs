using System.Diagnostics;
using System.Globalization;
using Gaceta.Media;

namespace Gaceta.Benchmarks;

/// <summary>
/// <c>photo-processing [megapixels]</c>: makes a camera-sized JPEG (24 megapixels by default, 3:2, fine noise, the
/// hardest content for encoders), runs the upload checks on it (header, full decode), then renders every copy
/// readers can be served (each width in AVIF, WebP and JPEG, the newsletter copy and the social card), and prints
/// the time of each step and the peak resident memory against the size of the decoded bitmap.
/// </summary>
internal static class PhotoProcessing
{
    public static int Run(string[] args)
    {
        var megapixels = args is [var first, ..] ? int.Parse(first, CultureInfo.InvariantCulture) : 24;
        var height = (int)Math.Round(Math.Sqrt(megapixels * 1_000_000 / 1.5));
        var width = (int)Math.Round(height * 1.5);
        byte[] original;
        using (var noise = NetVips.Image.Gaussnoise(width, height, mean: 128, sigma: 30))
        using (var colour = noise.Bandjoin(noise.Rot180(), noise.Flip(NetVips.Enums.Direction.Horizontal)).Cast(NetVips.Enums.BandFormat.Uchar))
        {
            original = colour.JpegsaveBuffer(q: 90);
        }

        GC.Collect();
        var baseline = PeakResidentKilobytes(reset: true);
        var total = Stopwatch.StartNew();
        var rows = new List<(string Step, double Milliseconds, long PeakKilobytes)>();
        var peak = 0L;
        void Time(string step, Action work)
        {
            GC.Collect();
            PeakResidentKilobytes(reset: true);
            var watch = Stopwatch.StartNew();
            work();
            var stepPeak = PeakResidentKilobytes(reset: false);
            peak = Math.Max(peak, stepPeak);
            rows.Add((step, watch.Elapsed.TotalMilliseconds, stepPeak));
        }

        Time("header (size check)", () => PhotoProcessor.Probe(original));
        Time("full decode (damage check)", () => PhotoProcessor.Verify(original));
        foreach (var format in new[] { VariantFormat.Jpeg, VariantFormat.Webp, VariantFormat.Avif })
        {
            Time($"{MediaVariants.Widths.Count} widths as {format}", () =>
            {
                foreach (var w in MediaVariants.Widths)
                {
                    PhotoProcessor.Render(original, w, format);
                }
            });
        }

        Time("newsletter copy (600 JPEG)", () => PhotoProcessor.Render(original, MediaVariants.NewsletterWidth, VariantFormat.Jpeg));
        Time("social card (1200×630 crop)", () => PhotoProcessor.RenderCrop(original, width, height, MediaVariants.SocialWidth, MediaVariants.SocialHeight, 0.5, 0.5));
        total.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{width}×{height} JPEG, {original.Length / 1024.0 / 1024.0:0.0} MB; decoded bitmap {width * (long)height * 3 / 1024.0 / 1024.0:0} MB"));
        Console.WriteLine();
        Console.WriteLine("| step | ms | peak resident MB |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (step, ms, kilobytes) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {ms:0} | {kilobytes / 1024.0:0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **all** | **{total.Elapsed.TotalMilliseconds:0}** | **{peak / 1024.0:0}** |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak resident memory while processing: {peak / 1024.0:0} MB (the process held {baseline / 1024.0:0} MB before, the original included)."));
        return 0;
    }

    /// <summary>The process's peak resident set (VmHWM); resetting it first makes it the peak of what follows.</summary>
    private static long PeakResidentKilobytes(bool reset)
    {
        if (reset)
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }

        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

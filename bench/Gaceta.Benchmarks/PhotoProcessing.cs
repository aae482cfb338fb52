using System.Diagnostics;
using System.Globalization;
using Gaceta.Media;

namespace Gaceta.Benchmarks;

/// <summary>
/// <c>photo-processing [megapixels] [noise|scene]</c>: makes a camera-sized JPEG (24 megapixels by default, 3:2),
/// either of fine noise (the hardest content for encoders) or a scene (soft shapes with a little grain, compressing
/// like a photo), runs the upload checks on it (header, full decode), renders every copy readers can be served
/// (each width in AVIF, WebP and JPEG, the newsletter copy and the social card), then the largest copies two at a
/// time, as a node with two cores would; prints the time of each step and the peak resident memory against the
/// size of the decoded bitmap.
/// </summary>
internal static class PhotoProcessing
{
    public static int Run(string[] args)
    {
        var megapixels = args is [var first, ..] ? int.Parse(first, CultureInfo.InvariantCulture) : 24;
        var scene = args is [_, "scene", ..];
        var height = (int)Math.Round(Math.Sqrt(megapixels * 1_000_000 / 1.5));
        var width = (int)Math.Round(height * 1.5);
        var original = scene ? Scene(width, height) : Noise(width, height);
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
        Time("2048 AVIF and 2048 WebP at once", () => Parallel.Invoke(
            () => PhotoProcessor.Render(original, 2048, VariantFormat.Avif),
            () => PhotoProcessor.Render(original, 2048, VariantFormat.Webp)));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{width}×{height} JPEG ({(scene ? "scene" : "noise")}), {original.Length / 1024.0 / 1024.0:0.0} MB; decoded bitmap {width * (long)height * 3 / 1024.0 / 1024.0:0} MB; allocator tuned: {PhotoProcessor.NativeMemoryTuned}"));
        Console.WriteLine();
        Console.WriteLine("| step | ms | peak resident MB |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (step, ms, kilobytes) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {ms:0} | {kilobytes / 1024.0:0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **all 20 copies and the checks, one at a time** | **{total.Elapsed.TotalMilliseconds:0}** | |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Peak resident memory while processing: {peak / 1024.0:0} MB (the process held {baseline / 1024.0:0} MB before, the original included)."));
        return 0;
    }

    private static byte[] Noise(int width, int height)
    {
        using var noise = NetVips.Image.Gaussnoise(width, height, mean: 128, sigma: 30);
        using var colour = noise.Bandjoin(noise.Rot180(), noise.Flip(NetVips.Enums.Direction.Horizontal)).Cast(NetVips.Enums.BandFormat.Uchar);
        return colour.JpegsaveBuffer(q: 90);
    }

    /// <summary>Large soft shapes (noise at a coarse scale, enlarged) with a little fine grain, like a photo's statistics.</summary>
    private static byte[] Scene(int width, int height)
    {
        using var coarse = NetVips.Image.Gaussnoise(width / 64, height / 64, mean: 128, sigma: 60);
        using var colour = coarse.Bandjoin(coarse.Rot180(), coarse.Flip(NetVips.Enums.Direction.Horizontal));
        using var soft = colour.Resize(64, kernel: NetVips.Enums.Kernel.Cubic).Gaussblur(8);
        using var grain = NetVips.Image.Gaussnoise(soft.Width, soft.Height, mean: 0, sigma: 4);
        using var photo = (soft + grain).Cast(NetVips.Enums.BandFormat.Uchar);
        return photo.JpegsaveBuffer(q: 90);
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

using System.Globalization;

namespace Gaceta.Cli;

/// <summary>One line redrawn in place on a terminal; a line per tenth of the way when the output is a file.</summary>
internal sealed class ProgressBar(Terminal terminal)
{
    private const int Width = 30;
    private int _lastTenth = -1;

    public void Show(long done, long total, string detail)
    {
        var share = total == 0 ? 1 : (double)done / total;
        var filled = (int)Math.Round(share * Width);
        var line = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0} {done:N0}/{total:N0} · {detail}");
        if (terminal.Interactive)
        {
            terminal.Out.Write("\r" + line);
        }
        else if ((int)(share * 10) != _lastTenth)
        {
            _lastTenth = (int)(share * 10);
            terminal.Out.WriteLine(line);
        }
    }
}

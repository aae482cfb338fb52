using System.Globalization;
using Gaceta.Data;
using Gaceta.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Cli;

/// <summary>Where a command talks: its output, its errors, and the operator's input.</summary>
/// <param name="Interactive">Whether a person is typing (so a password can be asked for without echo).</param>
internal sealed record Terminal(TextWriter Out, TextWriter Error, TextReader In, bool Interactive);

/// <summary>The commands, parsed by hand: there are few, and each has a handful of options.</summary>
internal static class Commands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Help = """
        Usage:
          gaceta users add --email <address> --role <Administrator|Editor|Reporter|Translator>
                           [--name <display name>] [--language <en|es>] [--prompt-password | --password-stdin]
              Creates a staff account. Without a password option a strong password is generated and printed once
              (and must be changed at first sign-in).
          gaceta users reset-password --email <address> [--prompt-password | --password-stdin]
              Gives the account a new password (generated and printed once on the last line, unless given) that
              must be changed at the next sign-in, and ends every session of the account.
          gaceta users reset-2fa --email <address>
              Takes away the account's authenticator app and recovery codes and ends its sessions; a role that
              needs two-factor sign-in enrols again at the next sign-in.
          gaceta editions send <id> [--include-overdue]
              Starts the edition if it is a draft or scheduled, then sends until every delivery is final,
              with a progress bar. Ctrl+C or SIGTERM finishes the messages in flight and stops; running it
              again resumes. Exit code 3 when stopped before the end.
          gaceta editions status <id>
              Shows the edition's progress.
          gaceta wire import <file-or-folder> [--section <slug>]
              Imports IPTC ninjs items (a file holds one item or an array; a folder's *.json files) as draft
              stories in the section (default: the first), with a progress bar. The same item again changes
              nothing; a newer version rewrites its draft. Exit code 1 when an item was invalid.
          gaceta import wordpress <export.xml> [--uploads <folder>] [--fetch-media] [--dry-run]
              Imports a WordPress export (Tools → Export, WXR 1.1 or 1.2), read a piece at a time: posts
              become stories, Polylang translations one story with an article per language, categories
              sections, authors authors. Published posts keep their date; drafts stay drafts. Running it
              again creates nothing twice; a post changed in WordPress updates its article unless it was
              edited here since. --uploads names a copy of wp-content/uploads: featured images become lead
              photos and images in the text library photos; --fetch-media fetches them over HTTP from the
              exporting site (its own host only) instead, or what the folder lacks. --dry-run reports
              without writing. Exit code 1 when a post was invalid.
          gaceta import ghost <export.json> [--images <folder>] [--language <en|es>]
                              [--members <members.csv> --newsletter <key> [--confirm-unproven]] [--dry-run]
              Imports a Ghost export (Settings → Labs → Export): posts become stories in their primary tag's
              section, authors authors with their bios, published posts keep their date and /slug/ address.
              A post is in the site's language (Ghost's locale setting, or --language) unless an internal
              tag such as #es names another. --images names a copy of content/images. --members brings
              Ghost's members export onto a newsletter: subscribed members arrive pending (Ghost does not
              export their proof of confirmation) and are mailed to confirm only with --confirm-unproven.
          gaceta import mailchimp <csv>... --newsletter <key> [--language-column <name>] [--language <en|es>]
                                  [--confirm-unproven] [--dry-run]
              Imports Mailchimp's audience export (its subscribed, unsubscribed and cleaned files, in any order)
              onto a newsletter with the consent history Mailchimp recorded: confirmed members arrive active,
              members without a confirmation time pending (mailed to confirm only with --confirm-unproven),
              unsubscribed ones unsubscribed and never mailed, cleaned addresses on the suppression list.
              Spellings of one address merge. Running it again changes nothing. Exit code 1 when a file was
              refused or a row invalid.
          gaceta keys add --role <Editor|Reporter|Translator> --name <name>
              Makes an API key for software; the key is printed once, on the last line.
          gaceta keys list
              Lists the keys: id, role, live or revoked, when made and last used, name.
          gaceta keys revoke <id>
              Revokes a key: requests with it are refused from the next one on.
          gaceta db migrate
              Applies pending database migrations (the release step when Database:MigrateOnStartup is off).
          gaceta db backup <file>
              Copies an SQLite database into a new file, consistently, while the site runs; the copy opens as
              a database. (PostgreSQL: pg_dump -Fc; see docs/operations.md.)

        Settings come from appsettings.json in the working directory and from environment variables
        such as Database__Provider=Postgres and ConnectionStrings__Gaceta=...
        """;

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(terminal);
        switch (args)
        {
            case ["users", "add", .. var options]:
                return await AddUserAsync(options, services, terminal, cancellationToken);
            case ["users", "reset-password", .. var options]:
                return await ResetPasswordAsync(options, services, terminal, cancellationToken);
            case ["users", "reset-2fa", .. var options]:
                return await ResetTwoFactorAsync(options, services, terminal, cancellationToken);
            case ["db", "migrate"]:
                await using (var scope = services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
                }

                await terminal.Out.WriteLineAsync("Database schema is up to date.");
                return Ok;
            case ["db", "backup", var file]:
                return await BackupAsync(file, services, terminal, cancellationToken);
            case ["editions", "send", var id, .. var flags] when int.TryParse(id, CultureInfo.InvariantCulture, out var editionId) && flags.All(f => f == "--include-overdue"):
                return await EditionCommands.SendAsync(editionId, flags.Length > 0, services, terminal, cancellationToken);
            case ["editions", "status", var id] when int.TryParse(id, CultureInfo.InvariantCulture, out var editionId):
                return await EditionCommands.StatusAsync(editionId, services, terminal, cancellationToken);
            case ["wire", "import", var path]:
                return await WireCommands.ImportAsync(path, null, services, terminal, cancellationToken);
            case ["wire", "import", var path, "--section", var section]:
                return await WireCommands.ImportAsync(path, section, services, terminal, cancellationToken);
            case ["import", "wordpress", var path, .. var options]:
                return await ImportCommands.WordPressAsync(path, options, services, terminal, cancellationToken);
            case ["import", "ghost", var path, .. var options]:
                return await ImportCommands.GhostAsync(path, options, services, terminal, cancellationToken);
            case ["import", "mailchimp", .. var options]:
                return await ImportCommands.MailchimpAsync(options, services, terminal, cancellationToken);
            case ["keys", "add", .. var options]:
                return TryParseOptions(options, ["role", "name"], [], out var keyOptions, out var keyProblem)
                    ? await KeyCommands.AddAsync(keyOptions, services, terminal, cancellationToken)
                    : await UsageAsync(terminal, keyProblem);
            case ["keys", "list"]:
                return await KeyCommands.ListAsync(services, terminal, cancellationToken);
            case ["keys", "revoke", var id] when int.TryParse(id, CultureInfo.InvariantCulture, out var keyId):
                return await KeyCommands.RevokeAsync(keyId, services, terminal, cancellationToken);
            case ["--help" or "-h" or "help", ..]:
                await terminal.Out.WriteLineAsync(Help);
                return Ok;
            default:
                await terminal.Error.WriteLineAsync(Help);
                return Usage;
        }
    }

    private static async Task<int> AddUserAsync(string[] args, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        if (!TryParseOptions(args, ["email", "role", "name", "language"], ["prompt-password", "password-stdin"], out var options, out var problem))
        {
            await terminal.Error.WriteLineAsync(problem);
            return Usage;
        }

        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("role", out var role))
        {
            await terminal.Error.WriteLineAsync("Both --email and --role are required.");
            return Usage;
        }

        var (password, refused) = await ReadPasswordAsync(options, terminal, cancellationToken);
        if (refused is { } code)
        {
            return code;
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AddStaffMember.Handler>().HandleAsync(
            new AddStaffMember.Command(email, role, options.GetValueOrDefault("name"), options.GetValueOrDefault("language"), password),
            cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await terminal.Error.WriteLineAsync(error.Description);
            }

            return Failed;
        }

        await terminal.Out.WriteLineAsync($"Created {StaffRoles.Find(role)} {email}.");
        if (result.GeneratedPassword is { } generated)
        {
            await terminal.Out.WriteLineAsync($"Password (shown once; give it to its owner): {generated}");
        }

        return Ok;
    }

    private static async Task<int> ResetPasswordAsync(string[] args, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        if (!TryParseOptions(args, ["email"], ["prompt-password", "password-stdin"], out var options, out var problem) || !options.TryGetValue("email", out var email))
        {
            await terminal.Error.WriteLineAsync(problem.Length > 0 ? problem : "--email is required.");
            return Usage;
        }

        var (password, refused) = await ReadPasswordAsync(options, terminal, cancellationToken);
        if (refused is { } code)
        {
            return code;
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ResetStaffPassword.Handler>().HandleAsync(
            new ResetStaffPassword.Command(email, password), cancellationToken);
        if (!result.Found)
        {
            await terminal.Error.WriteLineAsync($"No staff account has the address {email}.");
            return Failed;
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await terminal.Error.WriteLineAsync(error.Description);
            }

            return Failed;
        }

        await terminal.Out.WriteLineAsync($"New password set for {email}; every session of the account has ended, and the password must be changed at the next sign-in.");
        if (result.GeneratedPassword is { } generated)
        {
            await terminal.Out.WriteLineAsync("Password (shown once; give it to its owner):");
            await terminal.Out.WriteLineAsync(generated);
        }

        return Ok;
    }

    private static async Task<int> ResetTwoFactorAsync(string[] args, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        if (!TryParseOptions(args, ["email"], [], out var options, out var problem) || !options.TryGetValue("email", out var email))
        {
            await terminal.Error.WriteLineAsync(problem.Length > 0 ? problem : "--email is required.");
            return Usage;
        }

        await using var scope = services.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<ResetStaffTwoFactor.Handler>().HandleAsync(new ResetStaffTwoFactor.Command(email), cancellationToken))
        {
            await terminal.Error.WriteLineAsync($"No staff account has the address {email}.");
            return Failed;
        }

        await terminal.Out.WriteLineAsync($"Two-factor sign-in removed for {email}; every session of the account has ended.");
        return Ok;
    }

    /// <summary>The password an operator gives with <c>--password-stdin</c> or <c>--prompt-password</c>; null to generate one.</summary>
    private static async Task<(string? Password, int? Refused)> ReadPasswordAsync(Dictionary<string, string> options, Terminal terminal, CancellationToken cancellationToken)
    {
        string? password = null;
        if (options.ContainsKey("password-stdin"))
        {
            password = (await terminal.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
        }
        else if (options.ContainsKey("prompt-password"))
        {
            if (!terminal.Interactive)
            {
                await terminal.Error.WriteLineAsync("--prompt-password needs a terminal; use --password-stdin in scripts.");
                return (null, Usage);
            }

            password = ReadHidden(terminal, "Password: ");
            if (ReadHidden(terminal, "Repeat it: ") != password)
            {
                await terminal.Error.WriteLineAsync("The passwords differ. Nothing was created.");
                return (null, Failed);
            }
        }

        return (password, null);
    }

    /// <summary>Reads <c>--name value</c> pairs and bare <c>--flag</c>s, refusing anything else.</summary>
    private static async Task<int> BackupAsync(string file, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var backup = scope.ServiceProvider.GetRequiredService<DatabaseBackup>();
        if (!backup.Supported)
        {
            await terminal.Error.WriteLineAsync("This database is PostgreSQL: back it up with pg_dump -Fc (docs/operations.md shows the restore).");
            return Usage;
        }

        if (File.Exists(file) || (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder)))
        {
            await terminal.Error.WriteLineAsync(File.Exists(file) ? $"A file is already at {file}: give the copy a new name." : $"No folder for {file}.");
            return Failed;
        }

        await backup.WriteAsync(file, cancellationToken);
        await terminal.Out.WriteLineAsync($"Copied the database to {file} ({new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MB).");
        return Ok;
    }

    private static async Task<int> UsageAsync(Terminal terminal, string problem)
    {
        await terminal.Error.WriteLineAsync(problem);
        return Usage;
    }

    internal static bool TryParseOptions(
        string[] args, string[] valued, string[] flags, out Dictionary<string, string> options, out string problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        problem = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is not null && flags.Contains(name))
            {
                options[name] = "true";
            }
            else if (name is not null && valued.Contains(name) && i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else
            {
                problem = $"Unexpected '{args[i]}'. See 'gaceta --help'.";
                return false;
            }
        }

        return true;
    }

    private static string ReadHidden(Terminal terminal, string prompt)
    {
        terminal.Out.Write(prompt);
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                terminal.Out.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}

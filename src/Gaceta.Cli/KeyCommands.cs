using System.Globalization;
using Gaceta.Api;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Security;
using Gaceta.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Cli;

/// <summary>
/// <c>gaceta keys add|list|revoke</c>: API keys for software (a wire robot, a desk tool), as the staff area's keys
/// page makes them. A new key is printed once, on the last line, so a provisioning script can read it.
/// </summary>
internal static class KeyCommands
{
    private static readonly Actor CommandLine = new("cli", "Command line (keys)", StaffRoles.Administrator);

    public static async Task<int> AddAsync(Dictionary<string, string> options, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        var role = ApiKeys.Roles.FirstOrDefault(r => string.Equals(r, options.GetValueOrDefault("role"), StringComparison.OrdinalIgnoreCase));
        if (role is null || string.IsNullOrWhiteSpace(options.GetValueOrDefault("name")))
        {
            await terminal.Error.WriteLineAsync($"Give --role ({string.Join(", ", ApiKeys.Roles.SkipLast(1))} or {ApiKeys.Roles[^1]}) and --name (who or what uses the key, 100 characters at most).");
            return Commands.Usage;
        }

        await using var scope = services.CreateAsyncScope();
        await LoadInstallationKeysAsync(scope.ServiceProvider, cancellationToken);
        var created = await scope.ServiceProvider.GetRequiredService<CreateApiKey.Handler>().HandleAsync(new CreateApiKey.Command(options["name"], role, CommandLine), cancellationToken);
        if (created is null)
        {
            await terminal.Error.WriteLineAsync("The name is longer than 100 characters.");
            return Commands.Usage;
        }

        await terminal.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Created key {created.Id} ({role}) for {options["name"].Trim()}. It is shown once; keep it where its software reads it:"));
        await terminal.Out.WriteLineAsync(created.Token);
        return Commands.Ok;
    }

    public static async Task<int> ListAsync(IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<ListApiKeys.Handler>().HandleAsync(new ListApiKeys.Query(), cancellationToken);
        if (keys.Count == 0)
        {
            await terminal.Out.WriteLineAsync("No API keys yet: gaceta keys add --role <role> --name <name>.");
            return Commands.Ok;
        }

        await terminal.Out.WriteLineAsync("id  role      state    created                   last used           name");
        foreach (var key in keys)
        {
            await terminal.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{key.Id,-3} {key.Role,-9} {(key.RevokedAt is null ? "live" : "revoked"),-8} {key.CreatedAt:yyyy-MM-dd HH:mm} by {Shorten(key.CreatedBy, 12),-12} {(key.LastUsedAt is { } used ? used.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never"),-19} {key.Name}"));
        }

        return Commands.Ok;
    }

    public static async Task<int> RevokeAsync(int id, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<RevokeApiKey.Handler>().HandleAsync(new RevokeApiKey.Command(id, CommandLine), cancellationToken))
        {
            await terminal.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"No live key has the id {id}: gaceta keys list shows them."));
            return Commands.Failed;
        }

        await terminal.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Revoked key {id}: requests with it are refused from now on."));
        return Commands.Ok;
    }

    /// <summary>Keys and other secrets are kept as keyed hashes: the installation's key is read first.</summary>
    internal static async Task LoadInstallationKeysAsync(IServiceProvider scoped, CancellationToken cancellationToken) =>
        await scoped.GetRequiredService<InstallationKeys>().LoadAsync(scoped.GetRequiredService<GacetaDb>(), cancellationToken);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Newsletters;

public sealed partial class EditionSender
{
    /// <summary>
    /// Records outcomes as they come from the workers: sent deliveries in small groups (at most
    /// <see cref="GroupSize"/> messages are sent and not yet recorded, which bounds the duplicates a hard kill can
    /// cause), failures one by one. Its own database context, used by one writer at a time.
    /// </summary>
    private sealed class Recorder(IServiceScopeFactory scopes, string senderId, SendingOptions options, TimeProvider time) : IAsyncDisposable
    {
        public const int GroupSize = 20;

        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly List<long> _sent = [];
        private AsyncServiceScope? _scope;

        public async Task SentAsync(Claimed delivery)
        {
            List<long>? group = null;
            lock (_sent)
            {
                _sent.Add(delivery.Id);
                if (_sent.Count >= GroupSize)
                {
                    group = [.. _sent];
                    _sent.Clear();
                }
            }

            if (group is not null)
            {
                await WriteSentAsync(group);
            }
        }

        public Task FailedAsync(Claimed delivery, bool permanent, string error) => WriteFailureAsync(delivery, permanent, error);

        public async Task FlushAsync()
        {
            List<long> group;
            lock (_sent)
            {
                group = [.. _sent];
                _sent.Clear();
            }

            if (group.Count > 0)
            {
                await WriteSentAsync(group);
            }
        }

        private async Task WriteSentAsync(List<long> ids)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await WithDbAsync(db => db.Deliveries
                .Where(d => ids.Contains(d.Id) && d.ClaimedBy == senderId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Sent).SetProperty(d => d.SentAt, now)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null)));
        }

        private async Task WriteFailureAsync(Claimed delivery, bool permanent, string error)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var attempts = delivery.Attempts + 1;
            var note = error.Length > 480 ? error[..480] : error;
            var final = permanent || attempts >= options.MaxAttempts;
            await WithDbAsync(async db =>
            {
                if (final)
                {
                    await db.Deliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.State, DeliveryState.Failed).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.Note, note)
                        .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null));
                }
                else
                {
                    // 1, 2, 4, 8… minutes, at most an hour: the relay or the recipient's server gets time to recover.
                    var wait = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, attempts - 1)));
                    await db.Deliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.Note, note)
                        .SetProperty(d => d.NextAttemptAt, now + wait)
                        .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null));
                }

                if (permanent)
                {
                    var hash = _scope!.Value.ServiceProvider.GetRequiredService<SuppressionList>().HashOf(delivery.Email);
                    if (!await db.Suppressions.AnyAsync(s => s.EmailHash == hash))
                    {
                        db.Suppressions.Add(new Suppression { EmailHash = hash, Reason = note, CreatedAt = now });
                        try
                        {
                            await db.SaveChangesAsync();
                        }
                        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
                        {
                            // Another sender suppressed it a moment ago.
                        }

                        db.ChangeTracker.Clear();
                    }
                }
            });
        }

        private async Task WithDbAsync(Func<GacetaDb, Task> work)
        {
            await _gate.WaitAsync();
            try
            {
                _scope ??= scopes.CreateAsyncScope();
                await work(_scope.Value.ServiceProvider.GetRequiredService<GacetaDb>());
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_scope is { } scope)
            {
                await scope.DisposeAsync();
            }

            _gate.Dispose();
        }
    }
}

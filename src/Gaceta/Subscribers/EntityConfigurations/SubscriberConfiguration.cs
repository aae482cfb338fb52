using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Subscribers.EntityConfigurations;

/// <summary>How <see cref="Subscriber"/> is stored.</summary>
internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> subscriber)
    {
        subscriber.Property(s => s.Email).HasMaxLength(ColumnLengths.Email);
        subscriber.HasIndex(s => s.Email).IsUnique();
        subscriber.Property(s => s.Language).HasMaxLength(ColumnLengths.LanguageCode);
        subscriber.Property(s => s.SessionStamp).HasMaxLength(32);
        subscriber.HasMany(s => s.Subscriptions).WithOne(s => s.Subscriber).HasForeignKey(s => s.SubscriberId);
    }
}

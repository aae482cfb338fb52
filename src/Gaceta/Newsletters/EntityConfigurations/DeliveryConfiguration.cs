using Gaceta.Data;
using Gaceta.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Newsletters.EntityConfigurations;

/// <summary>How <see cref="Delivery"/> is stored.</summary>
internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.HasOne<Edition>().WithMany().HasForeignKey(d => d.EditionId);
        delivery.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        delivery.Property(d => d.Email).HasMaxLength(ColumnLengths.Email);
        delivery.Property(d => d.Language).HasMaxLength(ColumnLengths.LanguageCode);
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.ClaimedBy).HasMaxLength(100);
        delivery.Property(d => d.Note).HasMaxLength(500);
        // One copy per subscription per edition, whatever happens.
        delivery.HasIndex(d => new { d.EditionId, d.SubscriptionId }).IsUnique();
        // Workers look for the next pending deliveries of an edition, oldest first.
        delivery.HasIndex(d => new { d.EditionId, d.State, d.NextAttemptAt });
    }
}

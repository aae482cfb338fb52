using BenchmarkDotNet.Running;
using Gaceta.Benchmarks;

if (args is ["search-latency", .. var rest])
{
    return await SearchLatency.RunAsync(rest);
}

if (args is ["photo-processing", .. var photoArgs])
{
    return PhotoProcessing.Run(photoArgs);
}

if (args is ["wordpress-import", .. var importArgs])
{
    return await WordPressImport.RunAsync(importArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

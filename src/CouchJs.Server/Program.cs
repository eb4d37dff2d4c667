using CouchJs.Server;

try
{
    var options = CouchHostOptions.Parse(args, Environment.GetEnvironmentVariable);
    await using var host = CouchHost.Build(options);
    await host.RunAsync();
    return 0;
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}
catch (StartupException error)
{
    Console.Error.WriteLine("CouchJs did not start: " + error.Message);
    return 1;
}

Console.Error.WriteLine("CouchJs server: the host is being built (issue 3).");
return 1;

import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.token';

/** Provides the initialised DataSource (the class is the DI token) and the config. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: APP_CONFIG, useValue: config },
      ],
      exports: [DataSource, APP_CONFIG],
    };
  }
}

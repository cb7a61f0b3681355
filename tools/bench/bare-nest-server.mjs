// The floor for the model-read benchmark: a bare NestJS app (same Express adapter, no auth, no
// database, no validation) serving a fixed JSON body from memory on one route.
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import 'reflect-metadata';

const [bodyFile, port] = process.argv.slice(2);
const body = JSON.parse(readFileSync(bodyFile, 'utf8'));

class ModelController {
  model() {
    return body;
  }
}
Get('model')(
  ModelController.prototype,
  'model',
  Object.getOwnPropertyDescriptor(ModelController.prototype, 'model'),
);
Controller('bare')(ModelController);

class BareModule {}
Module({ controllers: [ModelController] })(BareModule);

const app = await NestFactory.create(BareModule, { logger: false });
await app.listen(Number(port), '127.0.0.1');
process.stdout.write('ready\n');
